// A bulk read of the operations records (store/operations.h), for reading many meeting places at
// once: the alerts of a national user (app/operations/alerts.cc) read every membership, meeting
// and case in one query per kind instead of three queries per meeting place. Both backends'
// OperationsStore implement it; a caller reaches it with dynamic_cast from Store::operations()
// and falls back to OperationsStore::List when a store lacks it. It is kept apart from
// OperationsStore only so that adding it did not change the interface every layer includes: fold
// it into OperationsStore when that header next changes.
#pragma once

#include <vector>

#include "core/error.h"
#include "core/operations/records.h"

namespace moteplass {

class OperationsBulkReader {
 public:
  virtual ~OperationsBulkReader() = default;
  // Every record of `kind` of every meeting place, by meeting place and then id (per meeting
  // place, what OperationsStore::List gives); for people, every person not erased, by id.
  virtual Result<std::vector<ops::Record>> ListEvery(ops::Kind kind) = 0;
};

}  // namespace moteplass
