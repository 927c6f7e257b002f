// Text that people typed, checked and normalised in one place for every door (API, pages,
// import, command line): valid UTF-8, Unicode NFC (so that "å" typed two ways is one string,
// searches and sorts alike), no control characters, no bidirectional overrides or isolates
// (which can make a name read differently from what it is), and at least one visible character.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"

namespace moteplass {

enum class TextLines {
  kOne,   // a name, an address: no line breaks or tabs either
  kMany,  // Markdown, a justification: line breaks and tabs allowed
};

// The text in NFC, or kInvalid (pointer `pointer`, slug "invalid") saying what is wrong and
// where. An empty text is returned as it is (whether a field may be empty is its own rule).
Result<std::string> CleanText(std::string_view text, TextLines lines, const std::string& pointer);

// The characters (code points) of UTF-8 text, so that limits mean characters to the person typing.
std::size_t CharacterCount(std::string_view text);

}  // namespace moteplass
