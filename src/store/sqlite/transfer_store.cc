#include "store/sqlite/transfer_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "core/search/search.h"

namespace moteplass::sqlite {
namespace {

using nlohmann::json;

// ---- Queries --------------------------------------------------------------------------------

// The ordinary tables of the main database: not views, not virtual tables (the full-text index)
// and their shadow tables, not SQLite's own.
constexpr const char* kListTables =
    "SELECT name FROM pragma_table_list WHERE \"schema\" = 'main' AND type = 'table' "
    "AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name";
constexpr const char* kListColumns = "SELECT name, pk FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid";
constexpr const char* kListParents = "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)";
constexpr const char* kMainFile = "SELECT file FROM pragma_database_list WHERE name = 'main'";
// The full-text index (store/sqlite/meeting_place_store.cc), derived from each meeting place's
// name and description.
constexpr const char* kClearSearchText = "DELETE FROM meeting_place_text";
constexpr const char* kSelectSearchSource =
    "SELECT id, name, description, municipality, county, kind, classification, recorded_kind, translations "
    "FROM meeting_places "
    "ORDER BY id";
constexpr const char* kInsertSearchText =
    "INSERT INTO meeting_place_text (rowid, name, body, tags) VALUES (?, ?, ?, ?)";

// The backend's own bookkeeping, never copied: migrations are numbered per backend.
constexpr std::string_view kBookkeeping[] = {"schema_migrations"};

// ---- Schema ---------------------------------------------------------------------------------

struct TableSchema {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::string> key;
};

// A name as an SQL identifier: "name", with any '"' doubled. Names come from the schema.
std::string Quote(std::string_view name) {
  std::string quoted = "\"";
  for (char ch : name) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  return quoted + "\"";
}

std::string QuotedList(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + Quote(n);
  return list;
}

bool Copied(std::string_view name) {
  return !IsNotCopiedTable(name) &&
         std::find(std::begin(kBookkeeping), std::end(kBookkeeping), name) == std::end(kBookkeeping);
}

// The tables a copy moves, parents first (ParentsFirst), with their columns and keys.
Result<std::vector<TableSchema>> ReadSchema(Connection& c) {
  std::vector<std::string> names;
  {
    Statement s(c, kListTables);
    RETURN_IF_ERROR(ForEachRow(s, [&](Statement& r) -> Status {
      if (Copied(r.Text(0))) names.push_back(r.Text(0));
      return {};
    }));
  }
  std::map<std::string, std::vector<std::string>> parents;
  for (const std::string& name : names) {
    Statement s(c, kListParents);
    s.Bind(name);
    RETURN_IF_ERROR(ForEachRow(s, [&](Statement& r) -> Status {
      parents[name].push_back(r.Text(0));
      return {};
    }));
  }
  std::vector<TableSchema> schema;
  for (const std::string& name : ParentsFirst(names, parents)) {
    TableSchema t{name, {}, {}};
    std::vector<std::pair<std::int64_t, std::string>> key;
    Statement s(c, kListColumns);
    s.Bind(name);
    RETURN_IF_ERROR(ForEachRow(s, [&](Statement& r) -> Status {
      t.columns.push_back(r.Text(0));
      if (r.Int(1) > 0) key.emplace_back(r.Int(1), r.Text(0));
      return {};
    }));
    std::sort(key.begin(), key.end());
    for (auto& [position, column] : key) t.key.push_back(std::move(column));
    schema.push_back(std::move(t));
  }
  return schema;
}

const TableSchema* FindSchema(const std::vector<TableSchema>& schema, const std::string& name) {
  const auto it = std::find_if(schema.begin(), schema.end(), [&](const TableSchema& t) { return t.name == name; });
  return it == schema.end() ? nullptr : &*it;
}

// ---- Rows -----------------------------------------------------------------------------------

// A statement prepared for one use (the SQL names tables, so it is not worth caching), finalized
// when it goes.
class OneOff {
 public:
  OneOff(Connection& c, const std::string& sql) : db_(c.db()) {
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) {
      error_ = DatabaseError(db_, "cannot prepare " + sql.substr(0, 60));
    }
  }
  ~OneOff() { sqlite3_finalize(stmt_); }
  OneOff(const OneOff&) = delete;
  OneOff& operator=(const OneOff&) = delete;

  Status prepared() const { return error_ ? Status(*error_) : Status(); }
  sqlite3_stmt* get() const { return stmt_; }
  sqlite3* db() const { return db_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::optional<Error> error_;
};

// The canonical value of column `i` of the current row: by the value's own storage class.
json ValueAt(sqlite3_stmt* s, int i) {
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER: return json(static_cast<std::int64_t>(sqlite3_column_int64(s, i)));
    case SQLITE_FLOAT: return json(sqlite3_column_double(s, i));
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
      if (text == nullptr) return json(std::string());
      return json(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, i))));
    }
    case SQLITE_BLOB: {
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(s, i));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(s, i));
      return BytesValue(bytes == nullptr ? std::string_view() : std::string_view(bytes, size));
    }
    default: return json();
  }
}

// Binds canonical `value` as parameter `i`; false for a value that is not canonical.
bool BindValue(sqlite3_stmt* s, int i, const json& value, int& rc) {
  if (value.is_null()) {
    rc = sqlite3_bind_null(s, i);
  } else if (value.is_boolean()) {
    rc = sqlite3_bind_int64(s, i, value.get<bool>() ? 1 : 0);
  } else if (value.is_number_integer()) {
    rc = sqlite3_bind_int64(s, i, value.get<std::int64_t>());
  } else if (value.is_number_float()) {
    rc = sqlite3_bind_double(s, i, value.get<double>());
  } else if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    rc = sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  } else if (std::optional<std::string> bytes = BytesOf(value)) {
    rc = bytes->empty() ? sqlite3_bind_zeroblob(s, i, 0)
                        : sqlite3_bind_blob(s, i, bytes->data(), static_cast<int>(bytes->size()), SQLITE_TRANSIENT);
  } else {
    return false;
  }
  return true;
}

// Every row of `t` in the canonical form and order.
Result<TableData> ReadRows(Connection& c, const TableSchema& t) {
  TableData data{t.name, t.columns, t.key, {}};
  std::string sql = "SELECT " + QuotedList(t.columns) + " FROM " + Quote(t.name);
  if (!t.key.empty()) sql += " ORDER BY " + QuotedList(t.key);
  OneOff q(c, sql);
  RETURN_IF_ERROR(q.prepared());
  const int n = static_cast<int>(t.columns.size());
  for (;;) {
    const int rc = sqlite3_step(q.get());
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return DatabaseError(q.db(), "cannot read the table " + t.name);
    std::vector<json> row;
    row.reserve(t.columns.size());
    for (int i = 0; i < n; ++i) row.push_back(ValueAt(q.get(), i));
    data.rows.push_back(std::move(row));
  }
  SortRows(data);
  return data;
}

Result<std::int64_t> CountRows(Connection& c, const std::string& table) {
  OneOff q(c, "SELECT COUNT(*) FROM " + Quote(table));
  RETURN_IF_ERROR(q.prepared());
  if (sqlite3_step(q.get()) != SQLITE_ROW) return DatabaseError(q.db(), "cannot count the rows of " + table);
  return static_cast<std::int64_t>(sqlite3_column_int64(q.get(), 0));
}

Status DeleteRows(Connection& c, const std::string& table) {
  OneOff q(c, "DELETE FROM " + Quote(table));
  RETURN_IF_ERROR(q.prepared());
  if (sqlite3_step(q.get()) != SQLITE_DONE) return DatabaseError(q.db(), "cannot empty the table " + table);
  return {};
}

Status InsertRows(Connection& c, const TableData& data) {
  if (data.rows.empty()) return {};
  std::string marks;
  for (std::size_t i = 0; i < data.columns.size(); ++i) marks += i == 0 ? "?" : ", ?";
  OneOff q(c, "INSERT INTO " + Quote(data.name) + " (" + QuotedList(data.columns) + ") VALUES (" + marks + ")");
  RETURN_IF_ERROR(q.prepared());
  for (const std::vector<json>& row : data.rows) {
    sqlite3_reset(q.get());
    sqlite3_clear_bindings(q.get());
    for (std::size_t i = 0; i < row.size(); ++i) {
      int rc = SQLITE_OK;
      if (!BindValue(q.get(), static_cast<int>(i) + 1, row[i], rc)) {
        return Error::Invalid("table " + data.name + ", " + RowName(data, row) + ", column " + data.columns[i] +
                                  ": the value has no canonical form",
                              "");
      }
      if (rc != SQLITE_OK) return DatabaseError(q.db(), "table " + data.name + ", " + RowName(data, row));
    }
    if (sqlite3_step(q.get()) != SQLITE_DONE) {
      return DatabaseError(q.db(), "cannot write table " + data.name + ", " + RowName(data, row));
    }
  }
  return {};
}

// Fills the full-text index again from every meeting place, as SqliteMeetingPlaceStore's own
// writes fill it (core/search).
Status RebuildSearchText(Connection& c) {
  Statement clear(c, kClearSearchText);
  RETURN_IF_ERROR(clear.Run());
  struct Row {
    std::int64_t id;
    search::Document doc;
  };
  Statement all(c, kSelectSearchSource);
  auto text = [](Statement& s, int i) { return s.IsNull(i) ? std::string() : s.Text(i); };
  ASSIGN_OR_RETURN(
      auto rows, CollectRows<Row>(all, [&](Statement& s) {
        const json classification = json::parse(text(s, 6), nullptr, false);
        // As ToJson: a recorded kind other than dialogue has no police-forum subtype.
        const std::string recorded = text(s, 7);
        const std::string subtype = recorded.empty() || recorded == "dialogue" ? search::SubtypeOf(classification) : "";
        const std::string description = SearchableDescription(s.Text(2), text(s, 8));
        return Row{s.Int(0), search::DocumentOf(s.Text(1), description, text(s, 3), text(s, 4), text(s, 5), subtype)};
      }));
  for (const Row& r : rows) {
    Statement ins(c, kInsertSearchText);
    ins.Bind(r.id)
        .Bind(search::JoinedTerms(r.doc.name))
        .Bind(search::JoinedTerms(r.doc.body))
        .Bind(search::JoinedTerms(r.doc.tags));
    RETURN_IF_ERROR(ins.Run());
  }
  return {};
}

}  // namespace

Result<std::vector<std::string>> SqliteTransferStore::Tables() {
  Database::ReadLease lease(db_);
  ASSIGN_OR_RETURN(std::vector<TableSchema> schema, ReadSchema(*lease));
  std::vector<std::string> names;
  for (const TableSchema& t : schema) names.push_back(t.name);
  return names;
}

Result<TableData> SqliteTransferStore::ReadTable(const std::string& name) {
  Database::ReadLease lease(db_);
  ReadTransaction txn(*lease);
  RETURN_IF_ERROR(txn.begun());
  ASSIGN_OR_RETURN(std::vector<TableSchema> schema, ReadSchema(*lease));
  const TableSchema* t = FindSchema(schema, name);
  if (t == nullptr) return Error::NotFound("no table " + name + " is copied");
  return ReadRows(*lease, *t);
}

Result<std::vector<TableData>> SqliteTransferStore::ReadAll() {
  Database::ReadLease lease(db_);
  ReadTransaction txn(*lease);  // one snapshot for every table
  RETURN_IF_ERROR(txn.begun());
  ASSIGN_OR_RETURN(std::vector<TableSchema> schema, ReadSchema(*lease));
  std::vector<TableData> tables;
  for (const TableSchema& t : schema) {
    ASSIGN_OR_RETURN(TableData data, ReadRows(*lease, t));
    tables.push_back(std::move(data));
  }
  return tables;
}

Result<std::string> SqliteTransferStore::Checksum(const std::string& name) {
  ASSIGN_OR_RETURN(TableData data, ReadTable(name));
  return TableChecksum(data);
}

Result<std::vector<TableSummary>> SqliteTransferStore::ReplaceAll(const std::vector<TableData>& tables,
                                                                  const WriteContext& ctx) {
  std::vector<TableSummary> summaries;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    ASSIGN_OR_RETURN(std::vector<TableSchema> schema, ReadSchema(c));
    std::vector<TableShape> shapes;
    std::vector<std::pair<std::string, std::int64_t>> counts;
    for (const TableSchema& t : schema) {
      shapes.push_back({t.name, t.columns});
      ASSIGN_OR_RETURN(std::int64_t rows, CountRows(c, t.name));
      counts.emplace_back(t.name, rows);
    }
    RETURN_IF_ERROR(CheckTargetEmpty(counts));
    RETURN_IF_ERROR(CheckTablesFit(shapes, tables));
    // Children before parents out, parents before children in.
    for (auto t = schema.rbegin(); t != schema.rend(); ++t) RETURN_IF_ERROR(DeleteRows(c, t->name));
    for (const TableSchema& t : schema) {
      if (const TableData* data = FindTable(tables, t.name)) RETURN_IF_ERROR(InsertRows(c, *data));
    }
    RETURN_IF_ERROR(RebuildSearchText(c));
    // Every table read back inside the transaction: a difference rolls everything back.
    for (const TableSchema& t : schema) {
      ASSIGN_OR_RETURN(TableData back, ReadRows(c, t));
      ASSIGN_OR_RETURN(TableSummary summary, Summarize(back));
      RETURN_IF_ERROR(CheckReadBack(tables, summary));
      summaries.push_back(std::move(summary));
    }
    return w.Audit("register.copy", "register", "");
  }));
  return summaries;
}

Result<std::string> SqliteTransferStore::Identity() {
  Database::ReadLease lease(db_);
  Statement s(*lease, kMainFile);
  ASSIGN_OR_RETURN(std::string file,
                   OneRow<std::string>(s, "no main database", [](Statement& r) { return r.Text(0); }));
  // A private in-memory database is a database of its own.
  if (file.empty()) return "sqlite:memory:" + std::to_string(reinterpret_cast<std::uintptr_t>(&db_));
  std::error_code ec;
  const std::filesystem::path canonical = std::filesystem::weakly_canonical(file, ec);
  return "sqlite:" + (ec ? file : canonical.string());
}

}  // namespace moteplass::sqlite
