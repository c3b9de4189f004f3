//! The attribute's compile-time checks, through trybuild: what must compile, and what must fail
//! with exactly the error recorded beside each case under `ui-tests/macros/`.

#[test]
fn lock_order_attribute() {
    let t = trybuild::TestCases::new();
    t.pass("../ui-tests/macros/pass_*.rs");
    t.compile_fail("../ui-tests/macros/fail_*.rs");
}
