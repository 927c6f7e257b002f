// libzip's handles as owned pointers, for the zip files the studies read (XLSForm, workbooks)
// and write (.qdpx): a zip discarded when it goes out of scope unless closed, a file closed.
#pragma once

#include <zip.h>

namespace moteplass::app {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace moteplass::app
