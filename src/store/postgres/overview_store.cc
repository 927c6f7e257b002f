#include "store/postgres/overview_store.h"

#include "core/status_macros.h"

namespace moteplass::postgres {
namespace {

constexpr const char* kSelectTarget = "SELECT value FROM settings WHERE key = 'imdi_target'";
constexpr const char* kUpsertTarget =
    "INSERT INTO settings (key, value) VALUES ('imdi_target', $1) ON CONFLICT (key) DO UPDATE SET value = "
    "excluded.value";

Result<std::optional<int>> ReadTarget(Connection& c) {
  Statement s(c, kSelectTarget);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<int>();
  return std::optional<int>(std::stoi(s.Text(0)));
}

}  // namespace

Result<std::optional<int>> PostgresOverviewStore::Target() {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  return ReadTarget(*lease);
}

Status PostgresOverviewStore::SetTarget(int target, const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    ASSIGN_OR_RETURN(std::optional<int> before, ReadTarget(w.connection()));
    if (before == target) return {};
    Statement s(w.connection(), kUpsertTarget);
    s.Bind(std::to_string(target));
    RETURN_IF_ERROR(s.Run());
    return w.Record("imdi_target", "", "set",
                    {FieldChange{"", before ? nlohmann::json(*before) : nlohmann::json(nullptr), target}});
  });
}

}  // namespace moteplass::postgres
