#include "store/journal_store.h"

#include <algorithm>

namespace moteplass {

JournalChanges JournalChangesOf(std::vector<AuditedChange> rows, std::int64_t mark, std::size_t most) {
  JournalChanges out;
  out.mark = rows.empty() ? mark : rows.back().first;
  if (rows.size() > most) {
    out.complete = false;
    return out;
  }
  out.records.reserve(rows.size());
  for (auto& [id, record] : rows) out.records.push_back(std::move(record));
  std::sort(out.records.begin(), out.records.end());
  out.records.erase(std::unique(out.records.begin(), out.records.end()), out.records.end());
  return out;
}

}  // namespace moteplass
