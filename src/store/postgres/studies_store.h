// StudiesStore on PostgreSQL (store/studies.h): the SQL; the logic is store/studies_store_impl.h.
// Tables from migration 0008_studies.sql.
#pragma once

#include "store/postgres/database.h"
#include "store/studies_store_impl.h"

namespace moteplass::postgres {

struct StudiesSql {
  using Database = postgres::Database;
  using Connection = postgres::Connection;
  using Statement = postgres::Statement;
  using WriteScope = postgres::WriteScope;

  template <class Fn>
  static auto Read(Database& db, Fn fn) -> decltype(fn(std::declval<Connection&>())) {
    auto lease = db.Borrow();
    if (!lease.ok()) return lease.error();
    return fn(**lease);
  }

  static constexpr const char* kLatestGuides =
      "SELECT DISTINCT ON (guide) guide, version, document, created_at, created_by FROM guide_versions "
      "ORDER BY guide, version DESC";
  static constexpr const char* kLatestGuide =
      "SELECT guide, version, document, created_at, created_by FROM guide_versions WHERE guide = $1 "
      "ORDER BY version DESC LIMIT 1";
  static constexpr const char* kGuideVersion =
      "SELECT guide, version, document, created_at, created_by FROM guide_versions WHERE guide = $1 AND version = $2";
  static constexpr const char* kGuideVersions =
      "SELECT guide, version, document, created_at, created_by FROM guide_versions WHERE guide = $1 "
      "ORDER BY version";
  static constexpr const char* kInsertGuide =
      "INSERT INTO guide_versions (guide, version, document, created_at, created_by) VALUES ($1, $2, $3, $4, $5)";
  // Every study and informant SELECT gives: id, study, data, version, created_at, updated_at,
  // withdrawn.
  static constexpr const char* kNextStudyId = "SELECT COALESCE(MAX(id), 0) + 1 FROM studies";
  static constexpr const char* kInsertStudy =
      "INSERT INTO studies (id, data, created_at, updated_at) VALUES ($1, $2, $3, $4)";
  static constexpr const char* kSelectStudy =
      "SELECT id, 0, data, version, created_at, updated_at, NULL::text FROM studies WHERE id = $1";
  static constexpr const char* kListStudies =
      "SELECT id, 0, data, version, created_at, updated_at, NULL::text FROM studies ORDER BY id";
  static constexpr const char* kUpdateStudy =
      "UPDATE studies SET data = $1, updated_at = $2, version = version + 1 WHERE id = $3";
  static constexpr const char* kDeleteStudy = "DELETE FROM studies WHERE id = $1";
  static constexpr const char* kDeleteInformantsOf = "DELETE FROM informants WHERE study = $1";
  static constexpr const char* kDeleteIdentitiesOf =
      "DELETE FROM informant_identities WHERE informant IN (SELECT id FROM informants WHERE study = $1)";
  static constexpr const char* kNextInformantId = "SELECT COALESCE(MAX(id), 0) + 1 FROM informants";
  static constexpr const char* kNextInformantNumber =
      "SELECT COALESCE(MAX(number), 0) + 1 FROM informants WHERE study = $1";
  static constexpr const char* kInsertInformant =
      "INSERT INTO informants (id, study, number, data, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)";
  static constexpr const char* kSelectInformant =
      "SELECT id, study, data, version, created_at, updated_at, withdrawn FROM informants WHERE id = $1";
  static constexpr const char* kInformantsOf =
      "SELECT id, study, data, version, created_at, updated_at, withdrawn FROM informants WHERE study = $1 "
      "ORDER BY number";
  static constexpr const char* kUpdateInformant =
      "UPDATE informants SET data = $1, updated_at = $2, version = version + 1 WHERE id = $3";
  static constexpr const char* kWithdrawInformant =
      "UPDATE informants SET data = $1, withdrawn = $2, updated_at = $3, version = version + 1 WHERE id = $4";
  static constexpr const char* kPutIdentity =
      "INSERT INTO informant_identities (informant, sealed, created_at, updated_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (informant) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at";
  static constexpr const char* kSelectIdentity = "SELECT sealed FROM informant_identities WHERE informant = $1";
  static constexpr const char* kDeleteIdentity = "DELETE FROM informant_identities WHERE informant = $1";
  static constexpr const char* kIdentitiesOf =
      "SELECT informant FROM informant_identities WHERE informant IN (SELECT id FROM informants WHERE study = $1) "
      "ORDER BY informant";
  static constexpr const char* kForgetHistory = "DELETE FROM history WHERE entity_type = $1 AND entity_id = $2";
  // Interviews: SELECT gives id, study, data, version, created_at, updated_at, NULL.
  static constexpr const char* kNextInterviewId = "SELECT COALESCE(MAX(id), 0) + 1 FROM interviews";
  static constexpr const char* kInsertInterview =
      "INSERT INTO interviews (id, study, informant, data, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)";
  static constexpr const char* kSelectInterview =
      "SELECT id, study, data, version, created_at, updated_at, NULL::text FROM interviews WHERE id = $1";
  static constexpr const char* kInterviewsOf =
      "SELECT id, study, data, version, created_at, updated_at, NULL::text FROM interviews WHERE study = $1 ORDER BY "
      "id";
  static constexpr const char* kUpdateInterview =
      "UPDATE interviews SET data = $1, informant = $2, updated_at = $3, version = version + 1 WHERE id = $4";
  static constexpr const char* kDeleteInterview = "DELETE FROM interviews WHERE id = $1";
  static constexpr const char* kInterviewIdsOfInformant = "SELECT id FROM interviews WHERE informant = $1";
  static constexpr const char* kDeleteInterviewsOfInformant = "DELETE FROM interviews WHERE informant = $1";
  static constexpr const char* kInterviewIdsOfStudy = "SELECT id FROM interviews WHERE study = $1";
  static constexpr const char* kDeleteInterviewsOfStudy = "DELETE FROM interviews WHERE study = $1";
};

using PostgresStudiesStore = store_impl::StudiesStoreImpl<StudiesSql>;

}  // namespace moteplass::postgres
