#include "core/text.h"

#include <cstdint>
#include <cstdio>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace moteplass {
namespace {

std::string CodePoint(UChar32 c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
  return buffer;
}

bool IsBidiControl(UChar32 c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

bool IsVisible(UChar32 c) {
  if (u_isUWhiteSpace(c) || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return false;
  const int8_t type = u_charType(c);
  return type != U_CONTROL_CHAR && type != U_FORMAT_CHAR && type != U_UNASSIGNED && type != U_SPACE_SEPARATOR;
}

}  // namespace

Result<std::string> CleanText(std::string_view text, TextLines lines, const std::string& pointer) {
  if (text.empty()) return std::string();
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  bool visible = false;
  for (int32_t i = 0, n = 0; i < length; ++n) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return Error::Invalid("the text is not valid UTF-8", pointer);
    const bool line_break = c == '\n' || c == '\r' || c == '\t';
    if (line_break && lines == TextLines::kMany) continue;
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      return Error::Invalid("the control character " + CodePoint(c) + " (character " + std::to_string(n + 1) +
                                ") is not allowed" + (line_break ? " here; write it on one line" : ""),
                            pointer);
    }
    if (IsBidiControl(c)) {
      return Error::Invalid("the bidirectional control character " + CodePoint(c) + " (character " +
                                std::to_string(n + 1) + ") is not allowed; it can make text read otherwise than it is",
                            pointer);
    }
    if (!visible && IsVisible(c)) visible = true;
  }
  if (!visible) return Error::Invalid("the text has no visible character", pointer);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return Error::Internal("Unicode normalisation is not available");
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), length));
  if (nfc->isNormalized(source, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  const icu::UnicodeString normalized = nfc->normalize(source, status);
  if (U_FAILURE(status)) return Error::Internal("Unicode normalisation failed");
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

std::size_t CharacterCount(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace moteplass
