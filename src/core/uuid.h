// Name-based UUIDs (RFC 4122 version 5, SHA-1): the same namespace and name always give the same
// UUID, so that an export names each record by the same GUID every time (REFI-QDA, see
// app/studies/qdpx.h).
#pragma once

#include <string>
#include <string_view>

namespace moteplass {

// The RFC 4122 URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
inline constexpr std::string_view kUrlNamespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

// The version 5 UUID of `name` in `name_space` (a UUID in its lower-case text form), in
// lower-case text form.
std::string Uuid5(std::string_view name_space, std::string_view name);

}  // namespace moteplass
