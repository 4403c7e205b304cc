// liblinear (Debian liblinear-dev): the solver behind scikit-learn's linear models. Only
// OmbudLearn imports this module; it owns every problem and model handle it creates.
#include <stddef.h>
#include <linear.h>

// liblinear prints its progress through a global function pointer; silence it from Swift.
static void ombud_linear_quiet_print(const char *text) { (void)text; }
static inline void ombud_linear_quiet(void) { set_print_string_function(ombud_linear_quiet_print); }
