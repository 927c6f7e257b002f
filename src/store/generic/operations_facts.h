// OperationsStore::FactsForAnalysis's rows, read the same way on both databases: the people, the
// memberships and the cases as narrow rows, in one read transaction. Only the SQL differs (SQLite
// reads virtual columns through covering indexes, PostgreSQL takes the fields out of jsonb), and
// each backend's operations_facts.cc gives it: the people's columns are id, gender, birth year
// and country (bound to whether countries are asked for); the memberships' meeting place,
// person, role, starts and ends; the cases' meeting place, received, decided, outcome and public.
#pragma once

#include <utility>

#include "core/status_macros.h"
#include "store/generic/backend.h"
#include "store/operations.h"

namespace moteplass::generic {

template <Backend B>
Result<OperationsFacts> ReadOperationsFacts(typename B::Database& db, const char* people_sql,
                                            const char* memberships_sql, const char* cases_sql, bool countries) {
  using Statement = typename B::Statement;
  return B::Read(db, [&](typename B::Connection& c) -> Result<OperationsFacts> {
    typename B::ReadTransaction txn(c);
    RETURN_IF_ERROR(txn.begun());
    OperationsFacts facts;
    {
      Statement s(c, people_sql);
      s.Bind(countries);
      RETURN_IF_ERROR(ForEachRow(s, [&](Statement& r) -> Status {
        PersonFacts p;
        p.id = r.Int(0);
        p.gender = r.Text(1);
        if (!r.IsNull(2)) p.birth_year = static_cast<int>(r.Int(2));
        p.country_of_background = r.Text(3);
        facts.people.push_back(std::move(p));
        return {};
      }));
    }
    {
      Statement s(c, memberships_sql);
      RETURN_IF_ERROR(ForEachRow(s, [&](Statement& r) -> Status {
        facts.memberships.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4)});
        return {};
      }));
    }
    {
      Statement s(c, cases_sql);
      RETURN_IF_ERROR(ForEachRow(s, [&](Statement& r) -> Status {
        facts.cases.push_back({r.Int(0), r.Text(1), B::Bool(r, 2), r.Text(3), B::Bool(r, 4)});
        return {};
      }));
    }
    return facts;
  });
}

}  // namespace moteplass::generic
