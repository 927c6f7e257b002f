// `moteplass classify FILE|-` (contracts/classification.md): reads one profile or an array of
// profiles, writes the results as JSON (or as text for people) on standard output. Exit status
// 0 on success; 2 on invalid input with the message on standard error and nothing on standard
// output; 1 when the file cannot be read.
#pragma once

#include <iosfwd>
#include <string>

namespace moteplass::cli {

// `format` is "json" or "text"; `lang` ("nb", "nn", "en") chooses the language of the text.
int RunClassifyCommand(const std::string& file, const std::string& format, std::istream& in, std::ostream& out,
                       std::ostream& err, const std::string& lang = "nb");

}  // namespace moteplass::cli
