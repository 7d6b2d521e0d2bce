// The migrations are embedded at compile time: rebuild when a migration folder is added.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
