// The PostgreSQL test cluster's address and plain SQL on it, for every PostgreSQL test file:
// the cluster named by MOTEPLASS_TEST_PG, a connection string for another database on it, and a
// statement run through a connection of its own (as another process would).
//
// Test-only: everything is in an unnamed namespace, so each test file gets its own copy.
#pragma once

#include <stdlib.h>

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <libpq-fe.h>

namespace moteplass {
namespace {

// The cluster's address from MOTEPLASS_TEST_PG; "" when unset.
std::string ClusterUrl() {
  const char* url = getenv("MOTEPLASS_TEST_PG");
  return url ? url : "";
}

// A connection string for the database `dbname` on the server `url` names (any form libpq
// reads), keeping everything else `url` says.
std::string OnDatabase(const std::string& url, const std::string& dbname) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    ADD_FAILURE() << "MOTEPLASS_TEST_PG is not a connection string libpq reads: " << (error ? error : "");
    PQfreemem(error);
    return "";
  }
  std::string conninfo;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    const std::string keyword = o->keyword;
    const std::string value = keyword == "dbname" ? dbname : (o->val ? o->val : "");
    if (value.empty()) continue;
    conninfo += keyword + "='";
    for (char ch : value) {
      if (ch == '\'' || ch == '\\') conninfo += '\\';
      conninfo += ch;
    }
    conninfo += "' ";
  }
  PQconninfoFree(options);
  return conninfo;
}

// Runs `sql` with `params` bound ($1, ...) through a connection of its own, as another process
// would; the first column of the first row ("" when no row), or nullopt after ADD_FAILURE.
std::optional<std::string> Psql(const std::string& conninfo, const std::string& sql,
                                const std::vector<std::string>& params = {}) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    ADD_FAILURE() << "cannot connect to the test cluster: " << PQerrorMessage(conn);
    PQfinish(conn);
    return std::nullopt;
  }
  std::vector<const char*> values;
  for (const std::string& p : params) values.push_back(p.c_str());
  PGresult* r = params.empty() ? PQexec(conn, sql.c_str())
                               : PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                              values.data(), nullptr, nullptr, 0);
  std::optional<std::string> result;
  const ExecStatusType status = PQresultStatus(r);
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
    result = PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
  } else {
    ADD_FAILURE() << PQresultErrorMessage(r) << "\n" << sql;
  }
  PQclear(r);
  PQfinish(conn);
  return result;
}

}  // namespace
}  // namespace moteplass
