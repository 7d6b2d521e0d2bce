//! The national admin exists whatever ran first on the database.

use crate::helpers::{ADMIN_PASSWORD, TestApp};

/// Demo accounts made before the first start, as `seed-demo` did before it made the admin
/// itself: the first `serve` must still create `admin` from `BOOTSTRAP_ADMIN_PASSWORD`.
fn demo_without_admin(conn: &mut zhuxiang::db::DbConn) {
    zhuxiang::seed::demo(conn, chrono::Utc::now().naive_utc()).expect("demo data");
}

#[actix_web::test]
async fn serve_creates_the_national_admin_when_other_accounts_came_first() {
    let app = TestApp::spawn_with(&[], Some(demo_without_admin)).await;
    let admin = app.token("admin", ADMIN_PASSWORD).await;
    let me = app.get("/api/v1/me", &admin).await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.body["role"], "national_admin");
    // The demo accounts are there too, and the admin sees them.
    let users = app.get("/api/v1/users?limit=50", &admin).await;
    assert_eq!(users.status, 200, "{}", users.body);
    let names: Vec<&str> =
        users.body["items"].as_array().expect("items").iter().filter_map(|u| u["username"].as_str()).collect();
    for name in ["admin", "sc-officer", "zhaojue", "org-staff"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    let demo = app.token("zhaojue", zhuxiang::seed::DEMO_PASSWORD).await;
    assert_eq!(app.get("/api/v1/me", &demo).await.body["role"], "county_officer");
}

/// With a national admin in place, a restart neither makes another nor touches its password.
#[actix_web::test]
async fn serve_leaves_an_existing_national_admin_alone() {
    fn admin_then_demo(conn: &mut zhuxiang::db::DbConn) {
        let chosen = zhuxiang::config::Secret::new("Chosen-before-passw0rd".into());
        let made = zhuxiang::bootstrap::ensure_national_admin(conn, Some(&chosen)).expect("admin");
        assert_eq!(made, zhuxiang::bootstrap::NationalAdmin::Created { generated_password: None });
        demo_without_admin(conn);
        let again = zhuxiang::bootstrap::ensure_national_admin(conn, None).expect("found");
        assert_eq!(again, zhuxiang::bootstrap::NationalAdmin::Exists { username: "admin".into() });
    }
    let app = TestApp::spawn_with(&[], Some(admin_then_demo)).await;
    let r = app.login_as("admin", ADMIN_PASSWORD).await;
    r.problem(401);
    let admin = app.token("admin", "Chosen-before-passw0rd").await;
    let users = app.get("/api/v1/users?limit=50", &admin).await;
    assert_eq!(users.status, 200, "{}", users.body);
    let admins =
        users.body["items"].as_array().expect("items").iter().filter(|u| u["role"] == "national_admin").count();
    assert_eq!(admins, 1, "{}", users.body);
}
