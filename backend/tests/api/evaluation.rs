//! The evaluation system and the yearly selection: weights checked at activation, active
//! frameworks immutable, ties refused and recusal, scores hidden from other experts, the
//! snapshot stable after new data, the ranking computed by hand (mean, trimmed mean, spread,
//! shared ranks), what each role reads once published, and nominations by scope onto the
//! showcase.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Resp, TestApp};

const ZHAOJUE: &str = "513431";
const HUIZE: &str = "530326";

/// A tree with one computed dimension and one expert dimension, weighted `a` and `b`.
fn tree(a: i64, b: i64) -> Value {
    json!({"dimensions": [
        {"code": "effect", "name": "落地成效", "weight": a, "indicators": [
            {"code": "landed", "name": "期内落地项目", "weight": 100, "method": "computed", "metric": "projects_landed"}]},
        {"code": "quality", "name": "项目质量", "weight": b, "indicators": [
            {"code": "q", "name": "质量评价", "weight": 100, "method": "expert",
             "rubric": [{"min": 0, "max": 59, "description": "较差"}, {"min": 60, "max": 100, "description": "良好"}]}]}
    ]})
}

pub(crate) async fn active_framework(app: &TestApp, admin: &str, a: i64, b: i64) -> String {
    let r = app
        .post(
            "/api/v1/indicator-frameworks",
            admin,
            json!({"name": "社会组织评估", "subject_type": "organization", "tree": tree(a, b)}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().expect("id").to_owned();
    let moved = app.move_entity(admin, &format!("/api/v1/indicator-frameworks/{id}"), "active", "").await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    id
}

#[actix_web::test]
async fn weights_must_add_up_to_activate_and_an_active_framework_never_changes() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let province = app.user(&admin, "sc-officer", "provincial_officer", json!({"province_code": "510000"})).await;
    let mut bad = tree(60, 30);
    bad["dimensions"][0]["indicators"][0]["metric"] = json!("brand_years");
    let r = app
        .post(
            "/api/v1/indicator-frameworks",
            &admin,
            json!({"name": "体系", "subject_type": "organization", "tree": bad}),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_fields(), vec!["tree.dimensions[0].indicators[0].metric"]);
    let r = app
        .post("/api/v1/indicator-frameworks", &province, json!({"name": "体系", "subject_type": "organization"}))
        .await;
    assert_eq!(r.status, 403);

    // A draft may be saved half-weighted; activation names the group that does not add up.
    let r = app
        .post(
            "/api/v1/indicator-frameworks",
            &admin,
            json!({"name": "体系", "subject_type": "organization", "tree": tree(60, 30)}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let path = format!("/api/v1/indicator-frameworks/{}", r.body["id"].as_str().expect("id"));
    assert_eq!(app.get(&path, &province).await.status, 404, "drafts are the admins' own");
    let refused = app.move_entity(&admin, &path, "active", "").await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.error_fields(), vec!["tree.dimensions"]);
    let etag = app.get(&path, &admin).await.etag();
    assert_eq!(app.patch(&path, &admin, &etag, json!({"tree": tree(60, 40)})).await.status, 200);
    let activated = app.move_entity(&admin, &path, "active", "").await;
    assert_eq!(activated.status, 200, "{}", activated.body);
    assert_eq!(app.get(&path, &province).await.status, 200, "a framework in use is public knowledge");

    let etag = app.get(&path, &admin).await.etag();
    let changed = app.patch(&path, &admin, &etag, json!({"name": "改名"})).await;
    assert_eq!(changed.status, 409, "{}", changed.body);
    let copy = app.post(&format!("{path}/copy"), &admin, json!({})).await;
    assert_eq!(copy.status, 201, "{}", copy.body);
    assert_eq!((copy.body["version"].as_i64(), copy.body["status"].as_str()), (Some(2), Some("draft")));
    assert_eq!(copy.body["lineage_id"], activated.body["lineage_id"]);
    assert_eq!(copy.body["tree"], activated.body["tree"]);
    let versions = app
        .get(
            &format!("/api/v1/indicator-frameworks?lineage={}", copy.body["lineage_id"].as_str().expect("lineage")),
            &admin,
        )
        .await;
    assert_eq!(versions.body["items"].as_array().map(Vec::len), Some(2));
    let retired = app.move_entity(&admin, &path, "retired", "").await;
    assert_eq!(retired.status, 422, "retiring needs a reason");
    let metrics = app.get("/api/v1/indicator-metrics", &province).await;
    assert!(metrics.body["items"].as_array().expect("items").iter().any(|m| m["code"] == "key_counties_paired"));
}

/// An organization's member lands a project in `county` (its county officer confirms).
async fn land(app: &TestApp, member: &str, county: &str, county_code: &str, org: &str) {
    let p = app
        .post("/api/v1/projects", member, json!({"title": "冷库项目", "county_code": county_code, "assistance_type": "industry", "organizations": [{"organization_id": org, "role": "lead"}]}))
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    let path = format!("/api/v1/projects/{}", p.body["id"].as_str().expect("id"));
    for (who, to) in [(member, "signed"), (member, "landed"), (county, "landed")] {
        let moved = app.move_entity(who, &path, to, "落地").await;
        assert_eq!(moved.status, 200, "{}", moved.body);
    }
}

async fn wait_for_snapshot(app: &TestApp, admin: &str, round: &str) -> Value {
    for _ in 0..100 {
        let r = app.get(&format!("/api/v1/evaluation-rounds/{round}"), admin).await;
        if r.body["snapshot_at"].is_string() {
            return r.body;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the snapshot did not finish in 10 s");
}

fn find<'a>(assignments: &'a Value, subject: &str, evaluator: &str) -> Option<&'a Value> {
    assignments["items"].as_array()?.iter().find(|a| a["subject_id"] == subject && a["evaluator_id"] == evaluator)
}

async fn scores(app: &TestApp, token: &str, assignment: &str, score: i64, comment: &str) -> Resp {
    let path = format!("/api/v1/assignments/{assignment}/scores");
    let etag = app.get(&path, token).await.etag();
    app.call(
        Method::PUT,
        &path,
        Some(token),
        Some(json!({"scores": [{"indicator": "q", "score": score, "comment": comment}]})),
        &[("if-match", &etag)],
    )
    .await
}

async fn submit(app: &TestApp, token: &str, assignment: &str) -> Resp {
    app.move_entity(token, &format!("/api/v1/assignments/{assignment}"), "submitted", "").await
}

async fn me(app: &TestApp, token: &str) -> String {
    app.get("/api/v1/me", token).await.body["id"].as_str().expect("id").to_owned()
}

#[actix_web::test]
async fn a_round_is_scored_across_ties_closed_into_an_explained_ranking_and_published_by_role() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (a, b, c) = (
        app.org(&admin, 1, "510000", &["industry"]).await,
        app.org(&admin, 2, "510000", &["industry"]).await,
        app.org(&admin, 3, "530000", &["industry"]).await,
    );
    let member = |n: &'static str, org: &str| app.user(&admin, n, "org_member", json!({"organization_id": org}));
    let (ma, mb, mc) = (member("a-staff", &a).await, member("b-staff", &b).await, member("c-staff", &c).await);
    let zhaojue = app.user(&admin, "zj-county", "county_officer", json!({"county_code": ZHAOJUE})).await;
    let huize = app.user(&admin, "hz-county", "county_officer", json!({"county_code": HUIZE})).await;
    let sichuan = app.user(&admin, "sc-officer", "provincial_officer", json!({"province_code": "510000"})).await;
    let viewer = app.user(&admin, "viewer", "viewer", json!({})).await;
    // A lands two projects, B one, C none: projects_landed normalizes to 100, 50, 0.
    land(&app, &ma, &zhaojue, ZHAOJUE, &a).await;
    land(&app, &ma, &zhaojue, ZHAOJUE, &a).await;
    land(&app, &mb, &zhaojue, ZHAOJUE, &b).await;

    let framework = active_framework(&app, &admin, 50, 50).await;
    let round = app
        .post("/api/v1/evaluation-rounds", &admin, json!({"name": "2026 年度社会组织评估", "year": 2026, "period_start": "2026-01-01", "period_end": "2026-12-31",
            "framework_id": framework, "subject_filter": "listed", "subject_ids": [a, b, c], "min_evaluators": 2, "public_top": 1}))
        .await;
    assert_eq!(round.status, 201, "{}", round.body);
    let round = round.body["id"].as_str().expect("id").to_owned();
    let rpath = format!("/api/v1/evaluation-rounds/{round}");
    assert_eq!(app.get(&rpath, &ma).await.status, 404, "a draft round is the admins' own");

    let e = [
        app.user(&admin, "expert-1", "evaluator", json!({})).await,
        app.user(&admin, "expert-2", "evaluator", json!({})).await,
        app.user(&admin, "expert-3", "evaluator", json!({})).await,
    ];
    let ids = [me(&app, &e[0]).await, me(&app, &e[1]).await, me(&app, &e[2]).await];
    // Expert 1 works for A: assigning them to A is refused, naming the tie.
    let tie = app
        .call(
            Method::PUT,
            "/api/v1/me/ties",
            Some(&e[0]),
            Some(json!({"ties": [{"kind": "organization", "target_id": a, "relation": "works_for"}]})),
            &[],
        )
        .await;
    assert_eq!(tie.status, 200, "{}", tie.body);
    assert_eq!(tie.body["ties"][0]["target_name"], "测试社会组织1");
    let bad_tie = app
        .call(
            Method::PUT,
            "/api/v1/me/ties",
            Some(&e[0]),
            Some(json!({"ties": [{"kind": "province", "target_id": "510000", "relation": "donates"}]})),
            &[],
        )
        .await;
    assert_eq!(bad_tie.error_fields(), vec!["ties[0].relation"]);
    let crossing =
        app.post(&format!("{rpath}/assignments"), &admin, json!({"subject_id": a, "evaluator_id": ids[0]})).await;
    assert_eq!(crossing.status, 409);
    assert!(
        crossing.problem(409)["detail"].as_str().unwrap_or_default().contains("测试社会组织1"),
        "{}",
        crossing.body
    );
    assert_eq!(app.move_entity(&admin, &rpath, "scoring", "").await.status, 409, "subjects short of experts");

    // The proposal fills every subject with two experts, never crossing the tie.
    let proposed = app.post(&format!("{rpath}/assignments"), &admin, json!({"propose": true})).await;
    assert_eq!(proposed.status, 201, "{}", proposed.body);
    assert_eq!(proposed.body["created"], 6);
    assert_eq!(proposed.body["unfilled"], json!([]));
    let all = app.get(&format!("{rpath}/assignments"), &admin).await.body;
    assert!(find(&all, &a, &ids[0]).is_none());
    let opened = app.move_entity(&admin, &rpath, "scoring", "").await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    let snapshotted = wait_for_snapshot(&app, &admin, &round).await;
    assert_eq!(snapshotted["progress"]["assignments"], 6);
    // New data after the snapshot does not move the ranking: C lands a project now.
    land(&app, &mc, &huize, HUIZE, &c).await;

    let all = app.get(&format!("{rpath}/assignments"), &admin).await.body;
    let id_of = |subject: &str, expert: usize| {
        find(&all, subject, &ids[expert]).map(|x| x["id"].as_str().expect("id").to_owned())
    };
    // Each expert sees only their own work.
    let mine = app.get("/api/v1/me/assignments", &e[1]).await;
    assert!(mine.body["items"].as_array().expect("items").iter().all(|x| x["evaluator_id"] == ids[1]));
    let someone_else =
        all["items"].as_array().expect("items").iter().find(|x| x["evaluator_id"] != ids[1]).expect("another's");
    let peek =
        app.get(&format!("/api/v1/assignments/{}/scores", someone_else["id"].as_str().expect("id")), &e[1]).await;
    assert_eq!(peek.status, 404, "experts never see each other's scores");

    // Every subject gets its two experts' scores; the one tied to nothing recuses from B and
    // the admin assigns the third expert in their place.
    let experts_of = |subject: &str| (0..3).filter(|i| id_of(subject, *i).is_some()).collect::<Vec<_>>();
    let plan: [(&str, [i64; 2]); 3] = [(&a, [40, 40]), (&b, [90, 90]), (&c, [95, 55])];
    for (subject, values) in plan {
        for (k, expert) in experts_of(subject).into_iter().enumerate() {
            let assignment = id_of(subject, expert).expect("assignment");
            let value = values[k];
            let saved = scores(&app, &e[expert], &assignment, value, "").await;
            assert_eq!(saved.status, 200, "{}", saved.body);
            if !(60..=90).contains(&value) {
                let refused = submit(&app, &e[expert], &assignment).await;
                assert_eq!(refused.status, 422);
                assert_eq!(refused.error_fields(), vec!["scores[q].comment"]);
                assert_eq!(scores(&app, &e[expert], &assignment, value, "依据项目材料").await.status, 200);
            }
            let done = submit(&app, &e[expert], &assignment).await;
            assert_eq!(done.status, 200, "{}", done.body);
        }
    }
    // A submitted score changed before close keeps its history.
    let first_on_a = experts_of(&a)[0];
    let on_a = id_of(&a, first_on_a).expect("assignment");
    assert_eq!(scores(&app, &e[first_on_a], &on_a, 45, "复核后调整").await.status, 200);
    assert_eq!(scores(&app, &e[first_on_a], &on_a, 40, "复核后调整").await.status, 200);
    let sheet = app.get(&format!("/api/v1/assignments/{on_a}/scores"), &e[first_on_a]).await;
    let changes = sheet.body["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 2);
    assert_eq!((changes[0]["old_score"].as_i64(), changes[0]["new_score"].as_i64()), (Some(40), Some(45)));
    // Taking the sheet back does not hide what changes next.
    let a_path = format!("/api/v1/assignments/{on_a}");
    assert_eq!(app.move_entity(&e[first_on_a], &a_path, "assigned", "").await.status, 200);
    assert_eq!(scores(&app, &e[first_on_a], &on_a, 41, "复核后调整").await.status, 200);
    assert_eq!(scores(&app, &e[first_on_a], &on_a, 40, "复核后调整").await.status, 200);
    assert_eq!(submit(&app, &e[first_on_a], &on_a).await.status, 200);
    let sheet = app.get(&format!("/api/v1/assignments/{on_a}/scores"), &e[first_on_a]).await;
    assert_eq!(sheet.body["changes"].as_array().map(Vec::len), Some(4));
    // Recusal needs a reason and frees the seat; a draft or a recused expert's score is no score.
    let second_on_b = experts_of(&b)[1];
    let on_b = id_of(&b, second_on_b).expect("assignment");
    assert_eq!(
        app.move_entity(&e[second_on_b], &format!("/api/v1/assignments/{on_b}"), "assigned", "").await.status,
        200
    );
    assert_eq!(
        app.move_entity(&e[second_on_b], &format!("/api/v1/assignments/{on_b}"), "recused", "").await.status,
        422
    );
    assert_eq!(
        app.move_entity(&e[second_on_b], &format!("/api/v1/assignments/{on_b}"), "recused", "曾为该组织提供咨询")
            .await
            .status,
        200
    );
    let third = (0..3).find(|i| !experts_of(&b).contains(i)).expect("the expert not on B");
    let added =
        app.post(&format!("{rpath}/assignments"), &admin, json!({"subject_id": b, "evaluator_id": ids[third]})).await;
    assert_eq!(added.status, 201, "{}", added.body);
    let replacement = added.body["assignment"]["id"].as_str().expect("id").to_owned();
    assert_eq!(app.move_entity(&admin, &rpath, "closed", "").await.status, 409, "an assignment waits for its scores");
    assert_eq!(scores(&app, &e[third], &replacement, 90, "").await.status, 200);
    assert_eq!(submit(&app, &e[third], &replacement).await.status, 200);
    let closed = app.move_entity(&admin, &rpath, "closed", "").await;
    assert_eq!(closed.status, 200, "{}", closed.body);

    // By hand: effect (50 %) is 100 / 50 / 0 from 2 / 1 / 0 landed (C's later project is not in
    // the snapshot); quality (50 %) is 40 / 90 / (95 + 55) / 2 = 75. Totals 70, 70, 37.5.
    let ranking = app.get(&format!("{rpath}/results?count=true"), &admin).await;
    assert_eq!(ranking.status, 200, "{}", ranking.body);
    let rows = ranking.body["items"].as_array().expect("items");
    let row = |id: &str| rows.iter().find(|r| r["subject_id"] == id).expect("row").clone();
    assert_eq!((row(&a)["total"].as_f64(), row(&a)["rank"].as_i64()), (Some(70.0), Some(1)));
    assert_eq!(
        (row(&b)["total"].as_f64(), row(&b)["rank"].as_i64()),
        (Some(70.0), Some(1)),
        "equal totals share a rank"
    );
    assert_eq!((row(&c)["total"].as_f64(), row(&c)["rank"].as_i64()), (Some(37.5), Some(3)));
    assert_eq!(row(&c)["flags"], json!(["q"]), "a spread of 40 points is flagged");
    assert_eq!(ranking.body["total"], 3);
    let explained = app.get(&format!("{rpath}/results/{c}"), &admin).await.body;
    let effect = &explained["breakdown"]["dimensions"][0]["indicators"][0];
    assert_eq!(
        (effect["raw"].as_f64(), effect["min"].as_f64(), effect["max"].as_f64()),
        (Some(0.0), Some(0.0), Some(2.0))
    );
    let quality = &explained["breakdown"]["dimensions"][1]["indicators"][0];
    assert_eq!(
        (quality["score"].as_f64(), quality["aggregation"].as_str(), quality["spread"].as_f64()),
        (Some(75.0), Some("mean"), Some(40.0))
    );
    assert_eq!(explained["medians"], json!({"effect": 50.0, "quality": 75.0}));
    assert!(
        quality["scores"][0]["evaluator"].as_str().unwrap_or_default().starts_with("expert-"),
        "admins see who scored"
    );

    // Before publishing, nobody but the admins reads a result, not even through a nomination.
    assert_eq!(app.get(&format!("{rpath}/results/{a}"), &ma).await.status, 404);
    let selection = app
        .post(
            "/api/v1/selections",
            &admin,
            json!({"year": 2026, "kind": "outstanding_organization", "evaluation_round_id": round}),
        )
        .await;
    let nominations = format!("/api/v1/selections/{}/nominations", selection.body["id"].as_str().expect("id"));
    let nominated = app.post(&nominations, &sichuan, json!({"subject_id": a, "reason": "成效突出"})).await;
    assert_eq!((nominated.status.as_u16(), &nominated.body["result"]), (201, &Value::Null), "{}", nominated.body);
    let reviewed = app.get(&nominations, &admin).await;
    assert_eq!(reviewed.body["items"][0]["result"]["rank"], 1);
    let reopen = app.move_entity(&admin, &rpath, "scoring", "").await;
    assert_eq!(reopen.status, 422, "reopening needs a reason");
    assert_eq!(app.move_entity(&admin, &rpath, "published", "").await.status, 200);
    // Published: A's member reads A (with the medians), not C; the public top 1 is readable by all.
    let own = app.get(&format!("{rpath}/results/{a}"), &ma).await;
    assert_eq!(own.status, 200, "{}", own.body);
    let own_scores = &own.body["breakdown"]["dimensions"][1]["indicators"][0]["scores"];
    assert_eq!(own_scores[0]["evaluator"], "专家 1");
    assert!(!own_scores[0]["comment"].as_str().unwrap_or_default().is_empty(), "A's members read the comments on A");
    let public_top = app.get(&format!("{rpath}/results/{a}"), &viewer).await;
    assert_eq!(public_top.status, 200, "A shares rank 1, the public top");
    let public_quality = &public_top.body["breakdown"]["dimensions"][1]["indicators"][0];
    assert_eq!(public_quality["scores"], json!([]), "each expert's score and comment are A's own");
    assert_eq!(public_quality["score"], 40.0, "the aggregate is everyone's");
    assert_eq!(app.get(&format!("{rpath}/results/{c}"), &ma).await.status, 404);
    assert_eq!(app.get(&format!("{rpath}/results/{c}"), &mc).await.status, 200);
    let public = app.get(&format!("{rpath}/results"), &viewer).await;
    let shown: Vec<&str> =
        public.body["items"].as_array().expect("items").iter().filter_map(|r| r["subject_id"].as_str()).collect();
    assert_eq!(shown.len(), 2, "the top 1 is two subjects sharing rank 1: {shown:?}");
    let province = app.get(&format!("{rpath}/results"), &sichuan).await;
    assert_eq!(province.body["items"].as_array().map(Vec::len), Some(2), "四川 reads its own A and B");
    let export = app
        .client
        .get(format!("{}{rpath}/results/export?format=csv", app.base))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("sent");
    assert_eq!(export.status(), 200);
    let csv = export.text().await.expect("text");
    assert!(csv.contains("测试社会组织3") && csv.contains("37.50"), "{csv}");
}

#[actix_web::test]
async fn provinces_nominate_their_own_and_the_selected_go_onto_the_showcase() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (a, b, yunnan) = (
        app.org(&admin, 1, "510000", &["industry"]).await,
        app.org(&admin, 2, "510000", &["industry"]).await,
        app.org(&admin, 3, "530000", &["industry"]).await,
    );
    let sichuan = app.user(&admin, "sc-officer", "provincial_officer", json!({"province_code": "510000"})).await;
    let viewer = app.user(&admin, "viewer", "viewer", json!({})).await;
    let s = app.post("/api/v1/selections", &admin, json!({"year": 2026, "kind": "outstanding_organization"})).await;
    assert_eq!(s.status, 201, "{}", s.body);
    assert_eq!(s.body["title"], "2026 年度优秀社会组织");
    assert_eq!(
        app.post("/api/v1/selections", &admin, json!({"year": 2026, "kind": "outstanding_organization"})).await.status,
        409
    );
    let path = format!("/api/v1/selections/{}", s.body["id"].as_str().expect("id"));
    assert_eq!(app.get(&path, &viewer).await.status, 404, "not published yet");

    let nominate = |t: String, org: String, reason: &'static str| {
        let path = path.clone();
        let app = &app;
        async move { app.post(&format!("{path}/nominations"), &t, json!({"subject_id": org, "reason": reason})).await }
    };
    assert_eq!(nominate(sichuan.clone(), yunnan.clone(), "理由").await.status, 403, "another province's organization");
    assert_eq!(nominate(sichuan.clone(), a.clone(), " ").await.error_fields(), vec!["reason"]);
    let na = nominate(sichuan.clone(), a.clone(), "结对帮扶成效突出").await;
    assert_eq!(na.status, 201, "{}", na.body);
    assert_eq!(nominate(sichuan.clone(), a.clone(), "再推荐").await.status, 409);
    let withdrawn = app
        .move_entity(&sichuan, &format!("/api/v1/nominations/{}", na.body["id"].as_str().expect("id")), "withdrawn", "")
        .await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.body);
    let again = nominate(admin.clone(), a.clone(), "全国联络单位再次推荐").await;
    assert_eq!(
        (again.status.as_u16(), again.body["id"].clone(), again.body["status"].as_str()),
        (201, na.body["id"].clone(), Some("nominated"))
    );
    let nb = nominate(admin.clone(), b.clone(), "全国联络单位推荐").await;
    assert_eq!(nb.status, 201);
    let decide = |t: String, n: &Value, to: &'static str, reason: &'static str| {
        let id = n["id"].as_str().expect("id").to_owned();
        let app = &app;
        async move { app.move_entity(&t, &format!("/api/v1/nominations/{id}"), to, reason).await }
    };
    assert_eq!(decide(admin.clone(), &na.body, "selected", "成效突出").await.status, 409, "decided while reviewing");
    assert_eq!(app.move_entity(&admin, &path, "reviewing", "").await.status, 200);
    assert_eq!(decide(sichuan.clone(), &na.body, "selected", "成效突出").await.status, 403);
    assert_eq!(decide(admin.clone(), &na.body, "selected", "").await.status, 422);
    assert_eq!(decide(admin.clone(), &na.body, "selected", "成效突出").await.status, 200);
    assert_eq!(app.move_entity(&admin, &path, "published", "").await.status, 409, "B is undecided");
    assert_eq!(decide(admin.clone(), &nb.body, "not_selected", "材料不足").await.status, 200);
    assert_eq!(app.move_entity(&admin, &path, "published", "").await.status, 200);

    let seen = app.get(&format!("{path}/nominations"), &viewer).await;
    let names: Vec<&str> =
        seen.body["items"].as_array().expect("items").iter().filter_map(|n| n["subject_id"].as_str()).collect();
    assert_eq!(names, vec![a.as_str()], "the public reads the selected only");
    let honors = app.get(&format!("/api/v1/selections?subject={a}"), &viewer).await;
    assert_eq!(honors.body["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(app.get(&format!("/api/v1/selections?subject={b}"), &viewer).await.body["items"], json!([]));
    let showcase = app.call(Method::GET, "/api/v1/public/showcase", None, None, &[]).await;
    let honored: Vec<&str> =
        showcase.body["honors"].as_array().expect("honors").iter().filter_map(|h| h["subject_name"].as_str()).collect();
    assert_eq!(honored, vec!["测试社会组织1"]);
}

#[actix_web::test]
async fn a_draft_whose_subjects_are_chosen_again_gets_its_experts_afresh() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (a, b) = (app.org(&admin, 1, "510000", &["industry"]).await, app.org(&admin, 2, "510000", &["industry"]).await);
    let mut experts = vec![];
    for n in 1..=2 {
        experts.push(app.user(&admin, &format!("expert-{n}"), "evaluator", json!({})).await);
    }
    let waiting = |token: String| {
        let app = &app;
        async move { app.get("/api/v1/me/notifications?unread=true", &token).await.body["unread"].as_i64() }
    };
    let framework = active_framework(&app, &admin, 50, 50).await;
    let round = app
        .post(
            "/api/v1/evaluation-rounds",
            &admin,
            json!({"name": "评估", "year": 2026, "period_start": "2026-01-01", "period_end": "2026-12-31",
            "framework_id": framework, "subject_filter": "listed", "subject_ids": [a]}),
        )
        .await;
    let rpath = format!("/api/v1/evaluation-rounds/{}", round.body["id"].as_str().expect("id"));
    assert_eq!(app.post(&format!("{rpath}/assignments"), &admin, json!({"propose": true})).await.body["created"], 2);
    // each expert is told once of the round; the assignments removed with their subject settle it
    assert_eq!(waiting(experts[0].clone()).await, Some(1));
    for subjects in [json!([b]), json!([a])] {
        let etag = app.get(&rpath, &admin).await.etag();
        assert_eq!(app.patch(&rpath, &admin, &etag, json!({"subject_ids": subjects})).await.status, 200);
    }
    assert_eq!(waiting(experts[0].clone()).await, Some(0));
    let subjects = app.get(&format!("{rpath}/subjects?q=社会组织1"), &admin).await;
    assert_eq!(subjects.body["items"], json!([{"subject_id": a, "name": "测试社会组织1", "province_code": "510000"}]));
    let again = app.post(&format!("{rpath}/assignments"), &admin, json!({"propose": true})).await;
    assert_eq!(
        (again.body["created"].as_i64(), again.body["unfilled_total"].as_i64()),
        (Some(2), Some(0)),
        "{}",
        again.body
    );
    assert_eq!(app.move_entity(&admin, &rpath, "scoring", "").await.status, 200);
    // A cursor whose time PostgreSQL cannot hold is refused, not a 500.
    let foreign = base64_url("-4714-01-01T00:00:00\u{1f}a");
    for list in [
        "/api/v1/evaluation-rounds",
        "/api/v1/indicator-frameworks",
        "/api/v1/selections",
        "/api/v1/projects",
        "/api/v1/brands",
    ] {
        let r = app.get(&format!("{list}?cursor={foreign}"), &admin).await;
        assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["cursor".to_owned()]), "{list}");
    }
}

fn base64_url(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
}

/// A round too large to rank in its close's request is ranked by a job that writes page by
/// page, each page guarded: a job the round no longer names (it was reopened, or another job
/// took over) writes nothing.
#[actix_web::test]
async fn a_ranking_job_writes_only_while_the_round_names_it() {
    use diesel::prelude::*;
    use zhuxiang::db::schema::{evaluation_rounds, evaluation_subjects};
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let orgs = [app.org(&admin, 1, "510000", &["industry"]).await, app.org(&admin, 2, "510000", &["industry"]).await];
    let tree = json!({"dimensions": [{"code": "effect", "name": "成效", "weight": 100, "indicators": [
        {"code": "landed", "name": "落地", "weight": 100, "method": "computed", "metric": "projects_landed"}]}]});
    let f = app
        .post(
            "/api/v1/indicator-frameworks",
            &admin,
            json!({"name": "体系", "subject_type": "organization", "tree": tree}),
        )
        .await;
    let fpath = format!("/api/v1/indicator-frameworks/{}", f.body["id"].as_str().expect("id"));
    assert_eq!(app.move_entity(&admin, &fpath, "active", "").await.status, 200);
    let round = app
        .post(
            "/api/v1/evaluation-rounds",
            &admin,
            json!({"name": "评估", "year": 2026, "period_start": "2026-01-01", "period_end": "2026-12-31",
            "framework_id": f.body["id"], "subject_filter": "listed", "subject_ids": orgs}),
        )
        .await;
    let id = round.body["id"].as_str().expect("id").to_owned();
    assert_eq!(app.move_entity(&admin, &format!("/api/v1/evaluation-rounds/{id}"), "scoring", "").await.status, 200);
    wait_for_snapshot(&app, &admin, &id).await;

    let mut conn = app.state.pool.get().expect("a connection");
    diesel::update(evaluation_rounds::table.find(&id))
        .set((evaluation_rounds::status.eq("closed"), evaluation_rounds::ranking_job_id.eq("job-1")))
        .execute(&mut conn)
        .expect("closed by a job");
    let load = |conn: &mut zhuxiang::db::DbConn| {
        zhuxiang::evaluation::store::load_round(conn, &id).expect("read").expect("round")
    };
    let round = load(&mut conn);
    let superseded = zhuxiang::evaluation::results::compute(&mut conn, &round, Some("job-0")).expect("ran");
    assert_eq!(superseded, None);
    let unranked: i64 = evaluation_subjects::table
        .filter(evaluation_subjects::round_id.eq(&id))
        .filter(evaluation_subjects::rank.is_null())
        .count()
        .get_result(&mut conn)
        .expect("count");
    assert_eq!(unranked, 2, "a superseded job wrote nothing");
    let medians = zhuxiang::evaluation::results::compute(&mut conn, &round, Some("job-1")).expect("ran");
    assert_eq!(medians.as_deref(), Some(r#"{"effect":0.0}"#));
    let ranks: Vec<Option<i64>> = evaluation_subjects::table
        .filter(evaluation_subjects::round_id.eq(&id))
        .select(evaluation_subjects::rank)
        .load(&mut conn)
        .expect("ranks");
    assert_eq!(ranks, vec![Some(1), Some(1)], "no figures: both 0, sharing rank 1");
    // While the job runs, the ranking is not there yet: 409, and the round cannot be published.
    let r = app.get(&format!("/api/v1/evaluation-rounds/{id}/results"), &admin).await;
    assert_eq!(r.status, 409);
    assert_eq!(app.move_entity(&admin, &format!("/api/v1/evaluation-rounds/{id}"), "published", "").await.status, 409);
}
