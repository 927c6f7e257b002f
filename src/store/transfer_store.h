// Moving a whole register from one store to another (`moteplass copy`): SQLite to PostgreSQL and
// back, or between two of a kind. Generic over the tables, so that every later capability's data
// moves with no change here: a backend lists the tables its schema has, reads each in the
// canonical form below, and writes tables read from any backend into an empty store of its own.
// Reached through Store::transfer().
//
// What is copied. Every table of the schema, except
//   - the backend's own bookkeeping: schema_migrations (migrations are numbered per backend),
//     PostgreSQL's write_count, SQLite's internal tables;
//   - passing state, kNotCopiedTables: log-in sessions (whoever was logged in logs in again on the
//     target; API tokens are copied and go on working), the failed log-ins counted for the
//     rate limits, and the OpenID Connect log-ins under way (oidc_logins);
//   - what a backend derives from other columns: SQLite's full-text index (meeting_place_text)
//     and PostgreSQL's tsvector columns (meeting_places.search). The target computes its own
//     from the copied names and descriptions with the program's stemmer, exactly as its own
//     writes would; the two backends hold search text in shapes that cannot be moved across.
//     Sort keys are plain bytes and are copied (and checksummed) like any other column.
// The settings (the Norwegian text rules the sort keys were made with) are copied with the rest.
//
// The canonical form, the same from every backend for the same data. A table is its rows; a row
// is a JSON object from column name to value; a value is one of
//   null                 SQL NULL
//   integer              any integer column (SQLite INTEGER; PostgreSQL smallint, integer,
//                        bigint), and booleans as 0 and 1 (SQLite keeps them so, and cannot tell
//                        them from other integers)
//   number               a floating-point column (SQLite REAL; real, double precision)
//   string               text, as UTF-8 (any other PostgreSQL type: its text form)
//   {"hex": "00ff..."}   bytes (SQLite BLOB, PostgreSQL bytea), lowercase hexadecimal
// Rows are ordered by their primary key's values (all columns when there is none), compared as
// JSON values: integers by value, strings byte by byte, so that the database's collation plays no
// part. The canonical text of a table is the JSON array of its rows written without whitespace,
// object keys in byte order, non-ASCII characters as UTF-8 (only '"', '\\' and control
// characters escaped), integers in decimal, other numbers in their shortest exact form; its
// checksum is the SHA-256 of that text in lowercase hexadecimal (TableChecksum). Text that is
// not valid UTF-8 has no canonical form.
#pragma once

#include <sodium.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/status_macros.h"
#include "store/write.h"

namespace moteplass {

// One table in the canonical form (see the file comment).
struct TableData {
  std::string name;
  std::vector<std::string> columns;               // in the table's order
  std::vector<std::string> key;                   // the primary key's columns (a subset of `columns`)
  std::vector<std::vector<nlohmann::json>> rows;  // one value per column, in primary-key order
};

// What a table holds, for comparing two stores.
struct TableSummary {
  std::string name;
  std::int64_t rows = 0;
  std::string checksum;  // TableChecksum
};

class TransferStore {
 public:
  virtual ~TransferStore() = default;

  // The tables a copy moves (see the file comment), each after the tables its foreign keys point
  // to, else by name.
  virtual Result<std::vector<std::string>> Tables() = 0;
  // One table in the canonical form; kNotFound for a table Tables() does not name.
  virtual Result<TableData> ReadTable(const std::string& name) = 0;
  // Every table of Tables(), in its order, read in one snapshot: consistent while others write.
  virtual Result<std::vector<TableData>> ReadAll() = 0;
  // TableChecksum of ReadTable(name).
  virtual Result<std::string> Checksum(const std::string& name) = 0;

  // Makes this store hold exactly `tables`, all or nothing, in one write (other writers wait):
  //   - refuses with kConflict, naming the tables, unless this store is empty: no table holds a
  //     row except those a first start fills (kFirstStartTables), which are replaced;
  //   - refuses with kInternal when a table holding rows is not in this store's schema, or a
  //     table's columns differ from this store's (both stores must run the same program);
  //   - writes every row with its ids as given (on PostgreSQL the id sequences are then set past
  //     the largest id), a table not given stays empty, and the derived search text is computed;
  //   - reads every table back inside the transaction and rolls back with kInternal, naming the
  //     table, unless its row count and checksum are those of `tables`;
  //   - audits "register.copy" (by ctx.by, target ("register", ""), outcome "ok"), then commits.
  // Returns what was read back before the audit row was added: one summary per table of
  // Tables(), in its order. Rows that the schema refuses (a missing parent, a duplicate key,
  // text PostgreSQL cannot hold) fail the whole call with the database's error, table named.
  virtual Result<std::vector<TableSummary>> ReplaceAll(const std::vector<TableData>& tables,
                                                       const WriteContext& ctx) = 0;

  // A name for the database this store is on: two stores on one database (one file, however
  // reached; one PostgreSQL database, however addressed) give the same, others differ.
  virtual Result<std::string> Identity() = 0;
};

// Tables never copied, in any backend: passing state that the target does without.
inline constexpr std::string_view kNotCopiedTables[] = {"sessions", "login_failures", "oidc_logins"};
// Tables a first start fills (the 2024 counties and municipalities, the default regions, the
// settings): a store holding rows only in these counts as empty, and ReplaceAll replaces them.
inline constexpr std::string_view kFirstStartTables[] = {
    "counties", "municipalities", "regions", "region_counties", "settings", "handbook_pages", "handbook_versions"};

inline bool IsNotCopiedTable(std::string_view name) {
  return std::find(std::begin(kNotCopiedTables), std::end(kNotCopiedTables), name) != std::end(kNotCopiedTables);
}
inline bool IsFirstStartTable(std::string_view name) {
  return std::find(std::begin(kFirstStartTables), std::end(kFirstStartTables), name) != std::end(kFirstStartTables);
}

// ---- The canonical form, shared by the backends -----------------------------------------------

// The canonical value of bytes: {"hex": "<lowercase hex>"}.
inline nlohmann::json BytesValue(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    hex += kDigits[b >> 4];
    hex += kDigits[b & 0x0f];
  }
  return nlohmann::json{{"hex", std::move(hex)}};
}

// The bytes of a canonical bytes value; nullopt when `value` is not one.
inline std::optional<std::string> BytesOf(const nlohmann::json& value) {
  if (!value.is_object() || value.size() != 1 || !value.contains("hex") || !value["hex"].is_string()) {
    return std::nullopt;
  }
  const std::string& hex = value["hex"].get_ref<const std::string&>();
  if (hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char ch) -> int {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    return -1;
  };
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = nibble(hex[i]);
    const int low = nibble(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes += static_cast<char>(high * 16 + low);
  }
  return bytes;
}

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
inline bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      n = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      cp = b & 0x07;
    } else {
      return false;
    }
    if (i + n >= text.size()) return false;  // cut short
    for (std::size_t k = 1; k <= n; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

// The row's key as text for messages: "id=5", "county=03".
inline std::string RowName(const TableData& table, const std::vector<nlohmann::json>& row) {
  std::string name;
  for (const std::string& k : table.key) {
    const auto at = std::find(table.columns.begin(), table.columns.end(), k) - table.columns.begin();
    if (static_cast<std::size_t>(at) >= row.size()) continue;
    if (!name.empty()) name += ", ";
    const nlohmann::json& v = row[static_cast<std::size_t>(at)];
    name += k + "=" +
            (v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return name.empty() ? "a row" : "the row " + name;
}

// kInvalid, naming table, row and column, unless every row has one value per column and each
// value is canonical (null, an integer, a number, a string of valid UTF-8, or bytes).
inline Status CheckCanonical(const TableData& table) {
  for (const std::vector<nlohmann::json>& row : table.rows) {
    if (row.size() != table.columns.size()) {
      return Error::Invalid("table " + table.name + ": " + RowName(table, row) + " has " + std::to_string(row.size()) +
                                " values for " + std::to_string(table.columns.size()) + " columns",
                            "");
    }
    for (std::size_t i = 0; i < row.size(); ++i) {
      const nlohmann::json& v = row[i];
      const bool ok = v.is_null() || v.is_number() || (v.is_string() && IsValidUtf8(v.get_ref<const std::string&>())) ||
                      BytesOf(v).has_value();
      if (!ok) {
        return Error::Invalid("table " + table.name + ", " + RowName(table, row) + ", column " + table.columns[i] +
                                  ": the value has no canonical form (text that is not UTF-8?)",
                              "");
      }
    }
  }
  return {};
}

// The order of `table`'s rows in the canonical form: indexes into table.rows.
inline std::vector<std::size_t> CanonicalOrder(const TableData& table) {
  std::vector<std::size_t> by;  // the columns to order by: the key's, then (for ties) all
  for (const std::string& k : table.key) {
    const auto at = std::find(table.columns.begin(), table.columns.end(), k);
    if (at != table.columns.end()) by.push_back(static_cast<std::size_t>(at - table.columns.begin()));
  }
  for (std::size_t i = 0; i < table.columns.size(); ++i) by.push_back(i);
  std::vector<std::size_t> order(table.rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& ra = table.rows[a];
    const auto& rb = table.rows[b];
    for (std::size_t column : by) {
      if (column >= ra.size() || column >= rb.size()) break;
      if (ra[column] < rb[column]) return true;
      if (rb[column] < ra[column]) return false;
    }
    return false;
  });
  return order;
}

// Puts `table`'s rows in the canonical order.
inline void SortRows(TableData& table) {
  std::vector<std::size_t> order = CanonicalOrder(table);
  std::vector<std::vector<nlohmann::json>> sorted;
  sorted.reserve(order.size());
  for (std::size_t i : order) sorted.push_back(std::move(table.rows[i]));
  table.rows = std::move(sorted);
}

// The canonical text of a table (see the file comment); kInvalid when a value has none.
inline Result<std::string> CanonicalText(const TableData& table) {
  RETURN_IF_ERROR(CheckCanonical(table));
  std::string text = "[";
  bool first = true;
  for (std::size_t i : CanonicalOrder(table)) {
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t c = 0; c < table.columns.size(); ++c) object[table.columns[c]] = table.rows[i][c];
    if (!first) text += ',';
    first = false;
    text += object.dump();
  }
  return text + "]";
}

// The SHA-256 of the canonical text, in lowercase hexadecimal.
inline Result<std::string> TableChecksum(const TableData& table) {
  ASSIGN_OR_RETURN(std::string text, CanonicalText(table));
  if (sodium_init() < 0) return Error::Internal("libsodium cannot start");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return BytesValue(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest))["hex"].get<std::string>();
}

inline Result<TableSummary> Summarize(const TableData& table) {
  ASSIGN_OR_RETURN(std::string checksum, TableChecksum(table));
  return TableSummary{table.name, static_cast<std::int64_t>(table.rows.size()), std::move(checksum)};
}

// ---- What ReplaceAll checks, shared by the backends -------------------------------------------

// One table of the target's schema, as ReplaceAll sees it.
struct TableShape {
  std::string name;
  std::vector<std::string> columns;
};

// kInternal unless every table of `given` that holds rows is in `target`, and every table of
// `given` that is in `target` has the same columns (in any order); kInvalid when a table is
// given twice or a value is not canonical.
inline Status CheckTablesFit(const std::vector<TableShape>& target, const std::vector<TableData>& given) {
  std::vector<std::string> seen;
  for (const TableData& t : given) {
    if (std::find(seen.begin(), seen.end(), t.name) != seen.end()) {
      return Error::Invalid("table " + t.name + " is given twice", "");
    }
    seen.push_back(t.name);
    RETURN_IF_ERROR(CheckCanonical(t));
    const auto shape = std::find_if(target.begin(), target.end(),
                                    [&](const TableShape& s) { return s.name == t.name; });
    if (shape == target.end()) {
      if (t.rows.empty()) continue;  // nothing would be lost
      return Error::Internal("table " + t.name + " (" + std::to_string(t.rows.size()) +
                             " rows) does not exist in the target; are both run by the same version of moteplass?");
    }
    std::vector<std::string> want = shape->columns;
    std::vector<std::string> have = t.columns;
    std::sort(want.begin(), want.end());
    std::sort(have.begin(), have.end());
    if (want != have) {
      auto list = [](const std::vector<std::string>& names) {
        std::string text;
        for (const std::string& n : names) text += (text.empty() ? "" : ", ") + n;
        return text;
      };
      return Error::Internal("table " + t.name + " has the columns (" + list(have) + ") in the source but (" +
                             list(want) + ") in the target; are both run by the same version of moteplass?");
    }
  }
  return {};
}

// The table of `given` named `name`, or nullptr.
inline const TableData* FindTable(const std::vector<TableData>& given, const std::string& name) {
  const auto it = std::find_if(given.begin(), given.end(), [&](const TableData& t) { return t.name == name; });
  return it == given.end() ? nullptr : &*it;
}

// kInternal, naming the table, unless `got` (read back from the target) has the row count and the
// checksum of `given`'s table `name` (no rows when not given).
inline Status CheckReadBack(const std::vector<TableData>& given, const TableSummary& got) {
  const TableData* expected = FindTable(given, got.name);
  TableSummary want{got.name, 0, ""};
  if (expected != nullptr) {
    ASSIGN_OR_RETURN(want, Summarize(*expected));
  } else {
    ASSIGN_OR_RETURN(want.checksum, TableChecksum(TableData{got.name, {}, {}, {}}));
  }
  if (got.rows != want.rows || got.checksum != want.checksum) {
    return Error::Internal("table " + got.name + " does not read back as written: " + std::to_string(got.rows) +
                           " rows, checksum " + got.checksum + ", instead of " + std::to_string(want.rows) +
                           " rows, checksum " + want.checksum);
  }
  return {};
}

// kConflict naming what `counts` (rows per table of the target) holds, unless every table with
// rows is a first-start table.
inline Status CheckTargetEmpty(const std::vector<std::pair<std::string, std::int64_t>>& counts) {
  std::string held;
  for (const auto& [name, rows] : counts) {
    if (rows == 0 || IsFirstStartTable(name)) continue;
    held += (held.empty() ? "" : ", ") + name + " " + std::to_string(rows) + (rows == 1 ? " row" : " rows");
  }
  if (held.empty()) return {};
  return Error::Conflict("the target register is not empty (" + held +
                         "): copy only into a new register, whose first start's counties, municipalities and "
                         "regions may stay");
}

// `names` ordered so that each comes after the tables it points to (`parents`, by name; a table's
// pointers to itself and to tables not in `names` are left out), else by name. Tables in a cycle
// keep their order by name.
inline std::vector<std::string> ParentsFirst(std::vector<std::string> names,
                                             const std::map<std::string, std::vector<std::string>>& parents) {
  std::sort(names.begin(), names.end());
  std::vector<std::string> ordered;
  std::vector<bool> placed(names.size(), false);
  auto known = [&](const std::string& name) { return std::binary_search(names.begin(), names.end(), name); };
  auto is_placed = [&](const std::string& name) {
    return std::find(ordered.begin(), ordered.end(), name) != ordered.end();
  };
  while (ordered.size() < names.size()) {
    bool progress = false;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (placed[i]) continue;
      bool ready = true;
      if (auto it = parents.find(names[i]); it != parents.end()) {
        for (const std::string& p : it->second) {
          if (p != names[i] && known(p) && !is_placed(p)) ready = false;
        }
      }
      if (!ready) continue;
      placed[i] = true;
      ordered.push_back(names[i]);
      progress = true;
      break;  // start again from the first name, so that ties go by name
    }
    if (!progress) {  // a cycle: the first left over goes next
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (placed[i]) continue;
        placed[i] = true;
        ordered.push_back(names[i]);
        break;
      }
    }
  }
  return ordered;
}

}  // namespace moteplass
