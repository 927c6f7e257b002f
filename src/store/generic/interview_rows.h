// The interviews table's writes, shared by the studies store (one interview at a time) and the
// import of submissions (many in one transaction), so that both keep the same columns: the
// document, its informant and the meeting place it is about (SQLite migration 0019, PostgreSQL
// 0014), which lets one meeting place's matrix read its own interviews instead of the study's.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

namespace moteplass::generic::interview_rows {

constexpr const char* kNextId = "SELECT COALESCE(MAX(id), 0) + 1 FROM interviews";
// Binds: id, study, informant, MeetingPlaceOf(data), data, created_at, updated_at.
constexpr const char* kInsert =
    "INSERT INTO interviews (id, study, informant, meeting_place, data, created_at, updated_at) "
    "VALUES (?, ?, ?, NULLIF(CAST(? AS BIGINT), 0), ?, ?, ?)";
// Binds: data, informant, MeetingPlaceOf(data), updated_at, id.
constexpr const char* kUpdate =
    "UPDATE interviews SET data = ?, informant = ?, meeting_place = NULLIF(CAST(? AS BIGINT), 0), updated_at = ?, "
    "version = version + 1 WHERE id = ?";

// The meeting place an interview's document names, 0 (stored as NULL) when it names none.
inline std::int64_t MeetingPlaceOf(const nlohmann::json& data) {
  auto it = data.find("meeting_place");
  return it != data.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

}  // namespace moteplass::generic::interview_rows
