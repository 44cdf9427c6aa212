#pragma once
// The problems of loading a scratch data folder, for error-path tests.

#include "core/error.hpp"
#include "io/load.hpp"
#include "support/temp_data.hpp"

namespace reclaim::test {

//! Every problem found loading the folder of `d` (the model itself is dropped).
inline Diagnostics load_problems(const TempData& d)
{
    Diagnostics diag;
    (void)load_model(d.dir(), diag);
    return diag;
}

}  // namespace reclaim::test
