#include "store/postgres/postgres_store.h"

namespace moteplass {

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& url,
                                                           const postgres::Database::Options& options) {
  ASSIGN_OR_RETURN(auto db, postgres::Database::Open(url, options));
  std::unique_ptr<PostgresStore> store(new PostgresStore(std::move(db)));
  RETURN_IF_ERROR(store->places_.LoadDefaultsIfEmpty());
  RETURN_IF_ERROR(store->handbook_.SeedIfEmpty(handbook::SeedPages()));
  ASSIGN_OR_RETURN(Places places, store->places_.Load());
  store->meeting_places_ = std::make_unique<postgres::PostgresMeetingPlaceStore>(*store->db_, std::move(places));
  RETURN_IF_ERROR(store->meeting_places_->RefreshNorwegianText());
  RETURN_IF_ERROR(store->meeting_places_->RefreshClassification());
  return store;
}

Status PostgresStore::WatchExternalChanges(ChangeCallback on_change) {
  std::lock_guard lock(listener_mutex_);
  if (listener_) return Error::Conflict("the store is watched already");
  auto listener = std::make_unique<postgres::ChangeListener>(db_->pool());
  RETURN_IF_ERROR(listener->Start(std::move(on_change)));
  listener_ = std::move(listener);
  return {};
}

void PostgresStore::StopWatchingExternalChanges() {
  std::unique_ptr<postgres::ChangeListener> listener;
  {
    std::lock_guard lock(listener_mutex_);
    listener = std::move(listener_);
  }
  if (listener) listener->Stop();
}

Status PostgresStore::Backup(const std::string& path) {
  (void)path;
  return Error::Invalid(
      "moteplass does not back up a PostgreSQL database itself: use pg_dump (for example "
      "pg_dump --format=custom --file=moteplass.dump DBNAME), or the server's base backups with WAL archiving "
      "for point-in-time recovery",
      "");
}

}  // namespace moteplass
