// Fuzzes the Markdown of a meeting place's description and "how to take part", rendered to
// HTML on its public page (raw HTML must never come through), and the plain-text excerpt the
// directory shows. Input: the Markdown text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "http/page_kit.h"
#include "http/register/views.h"

using namespace moteplass::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string markdown(reinterpret_cast<const char*>(data), size);
  const std::string html = MarkdownToHtml(markdown);
  // What a visitor typed may show as text, never as markup that runs.
  if (html.find("<script") != std::string::npos || html.find("<iframe") != std::string::npos) std::abort();
  (void)registry::Summary(markdown);
  (void)HtmlEscape(markdown);
  return 0;
}
