// A mapping study as a REFI-QDA project (contracts/studies.md, "Exports", qdpx): a zip holding
// project.qde, valid against QDA-XML 1.0 (contracts/refi-qda/Project-mrt2019.xsd), and a plain
// text per interview under sources/, so that NVivo, ATLAS.ti, MAXQDA and QualCoder open it.
//
// - An interview is a <TextSource> (sources/{guid}.txt, UTF-8, LF): for each answered question
//   its bokmål label, a newline, the answer (a closed answer as its choice labels, then the free
//   text on its own line when there is one), a blank line.
// - The codebook's codes are <Code>s, a group a parent <Code isCodable="false">; a coding that
//   is not stale is a <PlainTextSelection> with its <Coding>: its offsets (code points) plus the
//   text's start in the document, or the whole answer when it has none; its memo a <Note>;
//   coders are <User>s.
// - Informants are <Case>s by pseudonym with <SourceRef>s to their interviews and text
//   variables side, role and meeting place (as the export names it).
// - Every GUID is a UUIDv5 of (study, record type, id): a second export gives the same GUIDs.
// The identity rules are the export's (app/studies/export.h): without identities only
// interviews reviewed for identifying details give their free text (and so their codings of it
// and memos), and meeting places are study codes.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "app/services.h"
#include "app/studies/studies.h"

namespace moteplass::app {

// The .qdpx bytes. `place_names`: how the export names each meeting place of the study (S-03,
// or its name when identities were asked for); `with_identities`: informants' names are the
// cases' descriptions and every free text is given.
Result<std::string> WriteQdpx(Services& s, const Principal& who, const StudyAccess& access,
                              const std::map<std::int64_t, std::string>& place_names, bool with_identities);

// The GUID of a record of a study in its REFI-QDA project: a UUIDv5 of (study, kind, id).
std::string QdpxGuid(std::int64_t study, std::string_view kind, std::string_view id);

}  // namespace moteplass::app
