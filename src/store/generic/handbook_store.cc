#include "store/generic/handbook_store.h"

#include "core/clock.h"
#include "core/status_macros.h"
#include "store/postgres/backend.h"
#include "store/sqlite/backend.h"

namespace moteplass::generic {
namespace {

constexpr const char* kCountPages = "SELECT COUNT(*) FROM handbook_pages";
constexpr const char* kInsertPage = "INSERT INTO handbook_pages (slug, position) VALUES (?, ?)";
constexpr const char* kInsertVersion =
    "INSERT INTO handbook_versions (slug, version, status, content, created_by, created_at, changed_by, changed_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kSelectSlugs = "SELECT slug FROM handbook_pages ORDER BY position, slug";
constexpr const char* kPageExists = "SELECT 1 FROM handbook_pages WHERE slug = ?";
constexpr const char* kSelectVersions =
    "SELECT slug, version, status, content, created_by, created_at, changed_by, changed_at FROM handbook_versions "
    "WHERE slug = ? ORDER BY version DESC";
constexpr const char* kSelectVersion =
    "SELECT slug, version, status, content, created_by, created_at, changed_by, changed_at FROM handbook_versions "
    "WHERE slug = ? AND version = ?";
constexpr const char* kUpdateStatus =
    "UPDATE handbook_versions SET status = ?, changed_by = ?, changed_at = ? WHERE slug = ? AND version = ?";

template <class Statement>
Result<HandbookVersion> VersionFromRow(Statement& r) {
  HandbookVersion v{r.Text(0), r.Int(1), r.Text(2), {}, r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
  auto doc = nlohmann::json::parse(r.Text(3), nullptr, false);
  ASSIGN_OR_RETURN(v.content, handbook::ParseContent(doc));
  return v;
}

template <Backend B>
Status RequirePage(typename B::Connection& c, const std::string& slug) {
  using Statement = typename B::Statement;
  Statement s(c, B::Sql(kPageExists));
  s.Bind(slug);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Error::NotFound("no handbook page \"" + slug + "\"");
  return {};
}

template <Backend B>
Result<std::vector<HandbookVersion>> ReadVersions(typename B::Connection& c, const std::string& slug) {
  using Statement = typename B::Statement;
  RETURN_IF_ERROR(RequirePage<B>(c, slug));
  Statement s(c, B::Sql(kSelectVersions));
  s.Bind(slug);
  return CollectRows<HandbookVersion>(s, VersionFromRow<Statement>);
}

template <Backend B>
Status InsertVersion(typename B::Connection& c, const HandbookVersion& v) {
  using Statement = typename B::Statement;
  Statement s(c, B::Sql(kInsertVersion));
  s.Bind(v.slug).Bind(v.version).Bind(v.status).Bind(handbook::ToJson(v.content).dump());
  s.Bind(v.created_by).Bind(v.created_at).Bind(v.changed_by).Bind(v.changed_at);
  return s.Run();
}

}  // namespace

template <Backend B>
Status HandbookStoreOn<B>::SeedIfEmpty(const std::vector<handbook::SeedPage>& pages) {
  return db_.WithWriter([&](Connection& c) -> Status {
    Transaction txn(c);
    RETURN_IF_ERROR(txn.begun());
    Statement count(c, B::Sql(kCountPages));
    ASSIGN_OR_RETURN(bool row, count.Step());
    if (row && count.Int(0) > 0) return {};
    const std::string now = NowIso();
    for (std::size_t i = 0; i < pages.size(); ++i) {
      Statement s(c, B::Sql(kInsertPage));
      s.Bind(pages[i].slug).Bind(static_cast<std::int64_t>(i));
      RETURN_IF_ERROR(s.Run());
      RETURN_IF_ERROR(
          InsertVersion<B>(c, {pages[i].slug, 1, "published", pages[i].content, "system", now, "system", now}));
    }
    return txn.Commit();
  });
}

template <Backend B>
Result<std::vector<std::string>> HandbookStoreOn<B>::Slugs() {
  ASSIGN_OR_RETURN(auto lease, B::Borrow(db_));
  Statement s(*lease, B::Sql(kSelectSlugs));
  return CollectRows<std::string>(s, [](Statement& r) { return r.Text(0); });
}

template <Backend B>
Result<std::vector<HandbookVersion>> HandbookStoreOn<B>::Versions(const std::string& slug) {
  ASSIGN_OR_RETURN(auto lease, B::Borrow(db_));
  ReadTransaction txn(*lease);
  RETURN_IF_ERROR(txn.begun());
  return ReadVersions<B>(*lease, slug);
}

template <Backend B>
Result<HandbookVersion> HandbookStoreOn<B>::AddDraft(const std::string& slug, const handbook::Content& content,
                                                     const WriteContext& ctx) {
  HandbookVersion added;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    ASSIGN_OR_RETURN(std::vector<HandbookVersion> versions, ReadVersions<B>(w.connection(), slug));
    const std::int64_t number = versions.empty() ? 1 : versions.front().version + 1;
    added = {slug, number, "draft", content, ctx.by, w.now(), ctx.by, w.now()};
    RETURN_IF_ERROR(InsertVersion<B>(w.connection(), added));
    const nlohmann::json before = versions.empty() ? nlohmann::json(nullptr)
                                                   : handbook::ToJson(versions.front().content);
    return w.Record("handbook_page", slug, "draft",
                    {FieldChange{"/versions/" + std::to_string(number), before, handbook::ToJson(content)}});
  }));
  return added;
}

template <Backend B>
Result<HandbookVersion> HandbookStoreOn<B>::Move(const std::string& slug, std::int64_t version, const std::string& to,
                                                 const WriteContext& ctx) {
  HandbookVersion moved;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    {
      Statement s(w.connection(), B::Sql(kSelectVersion));
      s.Bind(slug).Bind(version);
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) {
        return Error::NotFound("no version " + std::to_string(version) + " of the handbook page \"" + slug + "\"");
      }
      ASSIGN_OR_RETURN(moved, VersionFromRow(s));
    }
    if (!handbook::CanMove(moved.status, to)) {
      return Error::Conflict("version " + std::to_string(version) + " is " + moved.status + " and cannot become " + to,
                             "/status");
    }
    Statement u(w.connection(), B::Sql(kUpdateStatus));
    u.Bind(to).Bind(ctx.by).Bind(w.now()).Bind(slug).Bind(version);
    RETURN_IF_ERROR(u.Run());
    const std::string from = moved.status;
    moved.status = to;
    moved.changed_by = ctx.by;
    moved.changed_at = w.now();
    return w.Record("handbook_page", slug, to,
                    {FieldChange{"/versions/" + std::to_string(version) + "/status", from, to}});
  }));
  return moved;
}

template class HandbookStoreOn<sqlite::Backend>;
template class HandbookStoreOn<postgres::Backend>;

}  // namespace moteplass::generic
