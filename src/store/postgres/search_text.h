// Full-text search on PostgreSQL with the program's own Norwegian stems (core/norwegian.h), as
// the SQLite store searches them with FTS5. The stems are handed to PostgreSQL as a tsvector
// literal (stored per record) and a tsquery literal (per search), both bound as parameters and
// read by PostgreSQL's input functions as written: no text-search parser or dictionary of the
// server's touches them, so the database matches exactly the stems the program made, whatever
// its configuration, and "Ørland" never matches "Orland".
#pragma once

#include <string>
#include <string_view>

#include "core/search/search.h"

namespace moteplass::postgres {

// The tsvector of a record (core/search): the terms of its name weighted A, its tags B, its
// description D, each with its word positions. Kept within PostgreSQL's limits: a stem longer than 2047 bytes is
// cut (at a character boundary, as SearchQuery cuts it), a stem keeps at most 256 positions, and
// positions stop at 16383.
std::string SearchVector(const search::Document& doc);
// The same for a name and a description only (no tags).
std::string SearchVector(std::string_view name, std::string_view description);

// The tsquery of a search (core/search): every group must match, one of its alternatives, each
// a conjunction of terms, a prefix as 'term':*: ('a' | ('b' & 'c':*)) & 'd'. Each term is quoted,
// so that no user text is read as query syntax. "" when the query has no groups (no filter).
std::string SearchQuery(const search::Query& query);

// ts_rank's weights {D, C, B, A}: a match in the name (A) weighs ten times one in the description
// (D), a tag (B) four times, like bm25(meeting_place_text, 10.0, 1.0, 4.0) on SQLite. Part of the
// SQL, not a value.
inline constexpr const char* kSearchWeights = "'{0.1, 0, 0.4, 1.0}'";

}  // namespace moteplass::postgres
