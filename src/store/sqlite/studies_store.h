// StudiesStore on SQLite (store/studies.h): the SQL; the logic is store/studies_store_impl.h.
// Tables from migration 0013_studies.sql.
#pragma once

#include "store/sqlite/database.h"
#include "store/studies_store_impl.h"

namespace moteplass::sqlite {

struct StudiesSql {
  using Database = sqlite::Database;
  using Connection = sqlite::Connection;
  using Statement = sqlite::Statement;
  using WriteScope = sqlite::WriteScope;

  template <class Fn>
  static auto Read(Database& db, Fn fn) {
    Database::ReadLease lease(db);
    return fn(*lease);
  }

  // Every guide SELECT gives: guide, version, document, created_at, created_by.
  static constexpr const char* kLatestGuides =
      "SELECT g.guide, g.version, g.document, g.created_at, g.created_by FROM guide_versions g "
      "WHERE g.version = (SELECT MAX(version) FROM guide_versions WHERE guide = g.guide) ORDER BY g.guide";
  static constexpr const char* kLatestGuide =
      "SELECT guide, version, document, created_at, created_by FROM guide_versions WHERE guide = ? "
      "ORDER BY version DESC LIMIT 1";
  static constexpr const char* kGuideVersion =
      "SELECT guide, version, document, created_at, created_by FROM guide_versions WHERE guide = ? AND version = ?";
  static constexpr const char* kGuideVersions =
      "SELECT guide, version, document, created_at, created_by FROM guide_versions WHERE guide = ? ORDER BY version";
  static constexpr const char* kInsertGuide =
      "INSERT INTO guide_versions (guide, version, document, created_at, created_by) VALUES (?, ?, ?, ?, ?)";
  // Every study and informant SELECT gives: id, study, data, version, created_at, updated_at,
  // withdrawn.
  static constexpr const char* kNextStudyId = "SELECT COALESCE(MAX(id), 0) + 1 FROM studies";
  static constexpr const char* kInsertStudy =
      "INSERT INTO studies (id, data, created_at, updated_at) VALUES (?, ?, ?, ?)";
  static constexpr const char* kSelectStudy =
      "SELECT id, 0, data, version, created_at, updated_at, NULL FROM studies WHERE id = ?";
  static constexpr const char* kListStudies =
      "SELECT id, 0, data, version, created_at, updated_at, NULL FROM studies ORDER BY id";
  static constexpr const char* kUpdateStudy =
      "UPDATE studies SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?";
  static constexpr const char* kDeleteStudy = "DELETE FROM studies WHERE id = ?";
  static constexpr const char* kDeleteInformantsOf = "DELETE FROM informants WHERE study = ?";
  static constexpr const char* kDeleteIdentitiesOf =
      "DELETE FROM informant_identities WHERE informant IN (SELECT id FROM informants WHERE study = ?)";
  static constexpr const char* kNextInformantId = "SELECT COALESCE(MAX(id), 0) + 1 FROM informants";
  static constexpr const char* kNextInformantNumber =
      "SELECT COALESCE(MAX(number), 0) + 1 FROM informants WHERE study = ?";
  static constexpr const char* kInsertInformant =
      "INSERT INTO informants (id, study, number, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)";
  static constexpr const char* kSelectInformant =
      "SELECT id, study, data, version, created_at, updated_at, withdrawn FROM informants WHERE id = ?";
  static constexpr const char* kInformantsOf =
      "SELECT id, study, data, version, created_at, updated_at, withdrawn FROM informants WHERE study = ? "
      "ORDER BY number";
  static constexpr const char* kUpdateInformant =
      "UPDATE informants SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?";
  static constexpr const char* kWithdrawInformant =
      "UPDATE informants SET data = ?, withdrawn = ?, updated_at = ?, version = version + 1 WHERE id = ?";
  static constexpr const char* kPutIdentity =
      "INSERT INTO informant_identities (informant, sealed, created_at, updated_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (informant) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at";
  static constexpr const char* kSelectIdentity = "SELECT sealed FROM informant_identities WHERE informant = ?";
  static constexpr const char* kDeleteIdentity = "DELETE FROM informant_identities WHERE informant = ?";
  static constexpr const char* kIdentitiesOf =
      "SELECT informant FROM informant_identities WHERE informant IN (SELECT id FROM informants WHERE study = ?) "
      "ORDER BY informant";
  static constexpr const char* kForgetHistory = "DELETE FROM history WHERE entity_type = ? AND entity_id = ?";
  // Interviews: SELECT gives id, study, data, version, created_at, updated_at, NULL.
  static constexpr const char* kNextInterviewId = "SELECT COALESCE(MAX(id), 0) + 1 FROM interviews";
  static constexpr const char* kInsertInterview =
      "INSERT INTO interviews (id, study, informant, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)";
  static constexpr const char* kSelectInterview =
      "SELECT id, study, data, version, created_at, updated_at, NULL FROM interviews WHERE id = ?";
  static constexpr const char* kInterviewsOf =
      "SELECT id, study, data, version, created_at, updated_at, NULL FROM interviews WHERE study = ? ORDER BY id";
  static constexpr const char* kUpdateInterview =
      "UPDATE interviews SET data = ?, informant = ?, updated_at = ?, version = version + 1 WHERE id = ?";
  static constexpr const char* kDeleteInterview = "DELETE FROM interviews WHERE id = ?";
  static constexpr const char* kInterviewIdsOfInformant = "SELECT id FROM interviews WHERE informant = ?";
  static constexpr const char* kDeleteInterviewsOfInformant = "DELETE FROM interviews WHERE informant = ?";
  static constexpr const char* kInterviewIdsOfStudy = "SELECT id FROM interviews WHERE study = ?";
  static constexpr const char* kDeleteInterviewsOfStudy = "DELETE FROM interviews WHERE study = ?";
};

using SqliteStudiesStore = store_impl::StudiesStoreImpl<StudiesSql>;

}  // namespace moteplass::sqlite
