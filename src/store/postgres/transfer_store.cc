#include "store/postgres/transfer_store.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "store/postgres/search_text.h"

namespace moteplass::postgres {
namespace {

using nlohmann::json;

// ---- Queries --------------------------------------------------------------------------------

// The table `$1` of the current schema, as an oid (NULL when there is none).
#define MOTEPLASS_TABLE_OID "to_regclass(quote_ident(current_schema()) || '.' || quote_ident($1))"

constexpr const char* kListTables =
    "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname";
// Each column with its type's name (a domain's base type), generated columns left out.
constexpr const char* kListColumns =
    "SELECT a.attname, CASE WHEN t.typtype = 'd' THEN (SELECT b.typname FROM pg_catalog.pg_type b "
    "WHERE b.oid = t.typbasetype) ELSE t.typname END "
    "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
    "WHERE a.attrelid = " MOTEPLASS_TABLE_OID
    " AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum";
constexpr const char* kListKey =
    "SELECT a.attname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a "
    "ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
    "WHERE i.indrelid = " MOTEPLASS_TABLE_OID " AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)";
constexpr const char* kListParents =
    "SELECT DISTINCT r.relname FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class r ON r.oid = k.confrelid "
    "WHERE k.contype = 'f' AND k.conrelid = " MOTEPLASS_TABLE_OID;
// The sequence that numbers column $2 of table $1 (identity or serial), or NULL.
constexpr const char* kSequenceOf =
    "SELECT pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident($1), $2)";
constexpr const char* kIdentity =
    "SELECT current_database(), COALESCE(inet_server_port(), 0)::text, "
    "extract(epoch FROM pg_postmaster_start_time())::text, "
    "(SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())::text";

#undef MOTEPLASS_TABLE_OID

// The backend's own bookkeeping, never copied: migrations are numbered per backend, and the
// write count is this database's own.
constexpr std::string_view kBookkeeping[] = {"schema_migrations", "write_count"};

// Rows per INSERT statement (each a round trip), within PostgreSQL's 65535 parameters.
constexpr std::size_t kBatchRows = 200;
constexpr std::size_t kMaxParameters = 60000;

// ---- Schema ---------------------------------------------------------------------------------

// How a column's values are read and written (see store/transfer_store.h).
enum class ColumnKind { kInteger, kBoolean, kReal, kBytes, kText, kDerived };

ColumnKind KindOf(std::string_view type) {
  if (type == "int2" || type == "int4" || type == "int8") return ColumnKind::kInteger;
  if (type == "bool") return ColumnKind::kBoolean;
  if (type == "float4" || type == "float8") return ColumnKind::kReal;
  if (type == "bytea") return ColumnKind::kBytes;
  if (type == "tsvector") return ColumnKind::kDerived;
  return ColumnKind::kText;  // text, varchar, and any other type in its text form
}

struct Column {
  std::string name;
  ColumnKind kind;
};

struct TableSchema {
  std::string name;
  std::vector<Column> columns;  // derived ones too
  std::vector<std::string> key;

  // The columns of the canonical form: all but the derived ones.
  std::vector<std::string> Copied() const {
    std::vector<std::string> names;
    for (const Column& c : columns) {
      if (c.kind != ColumnKind::kDerived) names.push_back(c.name);
    }
    return names;
  }
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

Result<std::vector<std::string>> Strings(Statement& s) {
  return CollectRows<std::string>(s, [](Statement& r) { return r.Text(0); });
}

// The tables a copy moves, parents first (ParentsFirst), with their columns and keys.
Result<std::vector<TableSchema>> ReadSchema(Connection& c) {
  std::vector<std::string> names;
  {
    Statement s(c, kListTables);
    ASSIGN_OR_RETURN(std::vector<std::string> all, Strings(s));
    for (std::string& name : all) {
      if (Copied(name)) names.push_back(std::move(name));
    }
  }
  std::map<std::string, std::vector<std::string>> parents;
  for (const std::string& name : names) {
    Statement s(c, kListParents);
    s.Bind(name);
    ASSIGN_OR_RETURN(parents[name], Strings(s));
  }
  std::vector<TableSchema> schema;
  for (const std::string& name : ParentsFirst(names, parents)) {
    TableSchema t{name, {}, {}};
    Statement columns(c, kListColumns);
    columns.Bind(name);
    ASSIGN_OR_RETURN(t.columns, CollectRows<Column>(columns, [](Statement& r) {
                       return Column{r.Text(0), KindOf(r.Text(1))};
                     }));
    Statement key(c, kListKey);
    key.Bind(name);
    ASSIGN_OR_RETURN(t.key, Strings(key));
    schema.push_back(std::move(t));
  }
  return schema;
}

const TableSchema* FindSchema(const std::vector<TableSchema>& schema, const std::string& name) {
  const auto it = std::find_if(schema.begin(), schema.end(), [&](const TableSchema& t) { return t.name == name; });
  return it == schema.end() ? nullptr : &*it;
}

Error Within(Error e, const std::string& where) {
  e.message = where + ": " + e.message;
  return e;
}

// ---- Rows -----------------------------------------------------------------------------------

// The expression that reads a column in a form its canonical value is made from.
std::string ReadExpression(const Column& c) {
  switch (c.kind) {
    case ColumnKind::kInteger: return Quote(c.name);
    case ColumnKind::kBoolean: return Quote(c.name) + "::int";
    case ColumnKind::kReal: return Quote(c.name) + "::float8";
    case ColumnKind::kBytes: return "encode(" + Quote(c.name) + ", 'hex')";
    case ColumnKind::kText:
    case ColumnKind::kDerived: return Quote(c.name) + "::text";
  }
  return Quote(c.name);
}

Result<json> ValueAt(const Statement& s, int i, ColumnKind kind) {
  if (s.IsNull(i)) return json();
  switch (kind) {
    case ColumnKind::kInteger:
    case ColumnKind::kBoolean: return json(s.Int(i));
    case ColumnKind::kReal: {
      const std::string text = s.Text(i);
      double value = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec != std::errc() || end != text.data() + text.size()) {
        return Error::Internal("database: cannot read the number " + text);
      }
      return json(value);
    }
    case ColumnKind::kBytes: return json{{"hex", s.Text(i)}};
    case ColumnKind::kText:
    case ColumnKind::kDerived: return json(s.Text(i));
  }
  return json();
}

// Every row of `t` in the canonical form and order.
Result<TableData> ReadRows(Connection& c, const TableSchema& t) {
  TableData data{t.name, t.Copied(), t.key, {}};
  std::vector<const Column*> columns;
  std::string select;
  for (const Column& column : t.columns) {
    if (column.kind == ColumnKind::kDerived) continue;
    columns.push_back(&column);
    select += (select.empty() ? "" : ", ") + ReadExpression(column);
  }
  if (columns.empty()) return data;
  std::string sql = "SELECT " + select + " FROM " + Quote(t.name);
  if (!t.key.empty()) sql += " ORDER BY " + QuotedList(t.key);
  Statement s(c, sql);
  RETURN_IF_ERROR(ForEachRow(s, [&](Statement& r) -> Status {
    std::vector<json> row;
    row.reserve(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
      ASSIGN_OR_RETURN(json value, ValueAt(r, static_cast<int>(i), columns[i]->kind));
      row.push_back(std::move(value));
    }
    data.rows.push_back(std::move(row));
    return {};
  }));
  SortRows(data);
  return data;
}

Result<std::int64_t> CountRows(Connection& c, const std::string& table) {
  Statement s(c, "SELECT COUNT(*) FROM " + Quote(table));
  return OneRow<std::int64_t>(s, "no count", [](Statement& r) { return r.Int(0); });
}

Status DeleteRows(Connection& c, const std::string& table) {
  Statement s(c, "DELETE FROM " + Quote(table));
  return s.Run();
}

// The value of a derived column for `row` of `data`, as the store's own writes compute it.
Result<std::string> DerivedValue(const TableData& data, const std::vector<json>& row, const std::string& column) {
  auto text = [&](const std::string& name) -> std::string {
    const auto at = std::find(data.columns.begin(), data.columns.end(), name);
    if (at == data.columns.end()) return "";
    const json& v = row[static_cast<std::size_t>(at - data.columns.begin())];
    return v.is_string() ? v.get<std::string>() : "";
  };
  if (data.name == "meeting_places" && column == "search") {
    // As the store indexes it (core/search): the tags come from the place, kind and subtype.
    const auto at = std::find(data.columns.begin(), data.columns.end(), "classification");
    json classification = at == data.columns.end() ? json() : row[static_cast<std::size_t>(at - data.columns.begin())];
    if (classification.is_string()) classification = json::parse(classification.get<std::string>(), nullptr, false);
    // As ToJson: a recorded kind other than dialogue has no police-forum subtype.
    const std::string recorded = text("recorded_kind");
    const std::string subtype = recorded.empty() || recorded == "dialogue" ? search::SubtypeOf(classification) : "";
    const std::string description = SearchableDescription(text("description"), text("translations"));
    return SearchVector(
        search::DocumentOf(text("name"), description, text("municipality"), text("county"), text("kind"), subtype));
  }
  return Error::Internal("the column " + data.name + "." + column +
                         " is derived, and the copy does not know how to compute it");
}

// Binds canonical `value` for a column of `kind`.
Status BindValue(Statement& s, const TableData& data, const std::vector<json>& row, std::size_t i, ColumnKind kind) {
  const json& v = row[i];
  auto mismatch = [&] {
    return Error::Internal("table " + data.name + ", " + RowName(data, row) + ", column " + data.columns[i] + ": " +
                           v.type_name() + " " + v.dump(-1, ' ', false, json::error_handler_t::replace) +
                           " does not fit the column's type");
  };
  if (v.is_null()) {
    s.BindOrNull(std::string());
    return {};
  }
  switch (kind) {
    case ColumnKind::kInteger:
      if (!v.is_number_integer()) return mismatch();
      s.Bind(v.get<std::int64_t>());
      return {};
    case ColumnKind::kBoolean:
      if (v.is_boolean()) {
        s.Bind(v.get<bool>());
      } else if (v.is_number_integer() && (v.get<std::int64_t>() == 0 || v.get<std::int64_t>() == 1)) {
        s.Bind(v.get<std::int64_t>() == 1);
      } else {
        return mismatch();
      }
      return {};
    case ColumnKind::kReal:
      if (!v.is_number()) return mismatch();
      s.Bind(v.dump());
      return {};
    case ColumnKind::kBytes: {
      std::optional<std::string> bytes = BytesOf(v);
      if (!bytes) return mismatch();
      s.BindBlob(*bytes);
      return {};
    }
    case ColumnKind::kText:
    case ColumnKind::kDerived: {
      if (!v.is_string()) return mismatch();
      const std::string& text = v.get_ref<const std::string&>();
      // PostgreSQL's text cannot hold U+0000 (SQLite's can): say which record holds it.
      if (text.find('\0') != std::string::npos) {
        return Error::Invalid("table " + data.name + ", " + RowName(data, row) + ", column " + data.columns[i] +
                                  ": text with the character U+0000 cannot be stored in PostgreSQL",
                              "");
      }
      s.Bind(text);
      return {};
    }
  }
  return mismatch();
}

// Inserts `data` into the table `t`, computing its derived columns, in statements of up to
// kBatchRows rows.
Status InsertRows(Connection& c, const TableSchema& t, const TableData& data) {
  if (data.rows.empty()) return {};
  // The target's columns in its order; for each, where its value is in `data` (or derived).
  std::vector<const Column*> columns;
  std::vector<std::optional<std::size_t>> source;
  for (const Column& column : t.columns) {
    columns.push_back(&column);
    const auto at = std::find(data.columns.begin(), data.columns.end(), column.name);
    if (column.kind == ColumnKind::kDerived || at == data.columns.end()) {
      source.emplace_back(std::nullopt);
    } else {
      source.emplace_back(static_cast<std::size_t>(at - data.columns.begin()));
    }
  }
  std::vector<std::string> names;
  for (const Column* column : columns) names.push_back(column->name);
  const std::size_t per_statement = std::max<std::size_t>(1, std::min(kBatchRows, kMaxParameters / columns.size()));
  for (std::size_t first = 0; first < data.rows.size(); first += per_statement) {
    const std::size_t last = std::min(data.rows.size(), first + per_statement);
    std::string sql = "INSERT INTO " + Quote(t.name) + " (" + QuotedList(names) + ") VALUES ";
    int parameter = 0;
    for (std::size_t r = first; r < last; ++r) {
      sql += r == first ? "(" : ", (";
      for (std::size_t i = 0; i < columns.size(); ++i) sql += (i == 0 ? "$" : ", $") + std::to_string(++parameter);
      sql += ")";
    }
    Statement s(c, sql);
    for (std::size_t r = first; r < last; ++r) {
      const std::vector<json>& row = data.rows[r];
      for (std::size_t i = 0; i < columns.size(); ++i) {
        if (source[i]) {
          RETURN_IF_ERROR(BindValue(s, data, row, *source[i], columns[i]->kind));
        } else if (columns[i]->kind == ColumnKind::kDerived) {
          ASSIGN_OR_RETURN(std::string value, DerivedValue(data, row, columns[i]->name));
          s.Bind(value);
        } else {
          s.BindOrNull(std::string());  // not given: CheckTablesFit lets this happen only for no rows
        }
      }
    }
    if (Status run = s.Run(); !run.ok()) {
      return Within(run.error(), "cannot write table " + t.name + " (rows " + std::to_string(first + 1) + "-" +
                                     std::to_string(last) + " in key order)");
    }
  }
  return {};
}

// Sets each sequence that numbers a column of `t` past the column's largest value, so that the
// next row the store adds gets a new id.
Status FixSequences(Connection& c, const TableSchema& t) {
  for (const Column& column : t.columns) {
    if (column.kind != ColumnKind::kInteger) continue;
    Statement find(c, kSequenceOf);
    find.Bind(t.name).Bind(column.name);
    ASSIGN_OR_RETURN(bool row, find.Step());
    if (!row || find.IsNull(0)) continue;
    Statement set(c, "SELECT setval($1, GREATEST(COALESCE(MAX(" + Quote(column.name) + "), 0), 0) + 1, false) FROM " +
                         Quote(t.name));
    set.Bind(find.Text(0));
    RETURN_IF_ERROR(set.Run());
  }
  return {};
}

}  // namespace

Result<std::vector<std::string>> PostgresTransferStore::Tables() {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  ASSIGN_OR_RETURN(std::vector<TableSchema> schema, ReadSchema(*lease));
  std::vector<std::string> names;
  for (const TableSchema& t : schema) names.push_back(t.name);
  return names;
}

Result<TableData> PostgresTransferStore::ReadTable(const std::string& name) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  ReadTransaction txn(*lease);
  RETURN_IF_ERROR(txn.begun());
  ASSIGN_OR_RETURN(std::vector<TableSchema> schema, ReadSchema(*lease));
  const TableSchema* t = FindSchema(schema, name);
  if (t == nullptr) return Error::NotFound("no table " + name + " is copied");
  return ReadRows(*lease, *t);
}

Result<std::vector<TableData>> PostgresTransferStore::ReadAll() {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  ReadTransaction txn(*lease);  // one snapshot (REPEATABLE READ) for every table
  RETURN_IF_ERROR(txn.begun());
  ASSIGN_OR_RETURN(std::vector<TableSchema> schema, ReadSchema(*lease));
  std::vector<TableData> tables;
  for (const TableSchema& t : schema) {
    ASSIGN_OR_RETURN(TableData data, ReadRows(*lease, t));
    tables.push_back(std::move(data));
  }
  return tables;
}

Result<std::string> PostgresTransferStore::Checksum(const std::string& name) {
  ASSIGN_OR_RETURN(TableData data, ReadTable(name));
  return TableChecksum(data);
}

Result<std::vector<TableSummary>> PostgresTransferStore::ReplaceAll(const std::vector<TableData>& tables,
                                                                    const WriteContext& ctx) {
  std::vector<TableSummary> summaries;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    ASSIGN_OR_RETURN(std::vector<TableSchema> schema, ReadSchema(c));
    std::vector<TableShape> shapes;
    std::vector<std::pair<std::string, std::int64_t>> counts;
    for (const TableSchema& t : schema) {
      shapes.push_back({t.name, t.Copied()});
      ASSIGN_OR_RETURN(std::int64_t rows, CountRows(c, t.name));
      counts.emplace_back(t.name, rows);
    }
    RETURN_IF_ERROR(CheckTargetEmpty(counts));
    RETURN_IF_ERROR(CheckTablesFit(shapes, tables));
    // Children before parents out, parents before children in.
    for (auto t = schema.rbegin(); t != schema.rend(); ++t) RETURN_IF_ERROR(DeleteRows(c, t->name));
    for (const TableSchema& t : schema) {
      if (const TableData* data = FindTable(tables, t.name)) RETURN_IF_ERROR(InsertRows(c, t, *data));
      RETURN_IF_ERROR(FixSequences(c, t));
    }
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

Result<std::string> PostgresTransferStore::Identity() {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kIdentity);
  return OneRow<std::string>(s, "no database", [](Statement& r) {
    return "postgresql:" + r.Text(1) + ":" + r.Text(2) + ":" + r.Text(3) + ":" + r.Text(0);
  });
}

}  // namespace moteplass::postgres
