//! Brands in the three lines at every status, linked to their owners' projects with their
//! dossiers filled, and case collections with cases at every status: for the demo and, in bulk,
//! for the national-scale benchmark.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::Rng;
use crate::brands::model::BrandRow;
use crate::cases::model::{CaseRow, CollectionRow};
use crate::db::DbConn;
use crate::db::schema::{
    brands, case_collections, case_projects, cases, organizations, project_organizations, projects, status_events,
};
use crate::domain::Consent;
use crate::domain::brand::{BrandFocus, BrandLine, BrandStatus};
use crate::domain::case::{CaseStatus, CollectionStatus};
use crate::domain::lifecycle::Lifecycle;
use crate::domain::text_enum::list_to_json;
use crate::history::StatusEventRow;

const NAMES: [(BrandLine, [&str; 6]); 3] = [
    (BrandLine::Development, ["山货出山", "巧手工坊", "云上果园", "乡村好物直播间", "技能致富课堂", "一村一品"]),
    (BrandLine::Construction, ["美丽庭院", "村村通净水", "数字乡村服务站", "乡村卫生室提升", "光伏照明", "乡村书屋"]),
    (BrandLine::Governance, ["幸福互助院", "三留守关爱行动", "乡贤调解室", "移风易俗新风尚", "银龄互助", "儿童之家"]),
];

/// The line's focus values, for a brand numbered `i`: one or two of them.
fn focus_for(line: BrandLine, i: usize) -> Vec<BrandFocus> {
    let of_line: Vec<BrandFocus> = BrandFocus::ALL.iter().copied().filter(|f| f.line() == line).collect();
    let first = of_line[i % of_line.len()];
    let second = of_line[(i + 1) % of_line.len()];
    if i.is_multiple_of(2) { vec![first] } else { vec![first, second] }
}

/// A seeded move in the history (`system:seed`).
fn event(entity: &str, id: &str, from: Option<&str>, to: &str, at: NaiveDateTime) -> StatusEventRow {
    let reason = if to == "returned" { "请补充项目成效材料" } else { "" };
    StatusEventRow::new(entity, id, "system:seed", at, from, to, reason)
}

/// `count` brands owned by `owners` in turn, every line at every status (the first owner's first
/// brand is a draft, for the demo's organization), each but the drafts carrying up to
/// `projects_per` projects its owner takes part in. Returns how many brands and linked projects.
pub fn brands(
    conn: &mut DbConn,
    owners: &[String],
    count: usize,
    projects_per: usize,
    now: NaiveDateTime,
) -> anyhow::Result<(usize, usize)> {
    anyhow::ensure!(!owners.is_empty(), "needs organizations");
    let provinces: std::collections::HashMap<String, String> = organizations::table
        .filter(organizations::id.eq_any(owners))
        .select((organizations::id, organizations::province_code))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    use BrandStatus::*;
    let statuses =
        [Draft, Returned, Applied, Recommended, Recognized, Demonstration, Recognized, Demonstration, Revoked];
    let mut rng = Rng(0x0b2a_2026);
    let mut rows = Vec::with_capacity(count);
    let mut events = vec![];
    for i in 0..count {
        let owner = &owners[i % owners.len()];
        let (line, names) = NAMES[i % 3];
        // Every line at every status: lines turn fastest, statuses every three brands.
        let status = statuses[(i / 3) % statuses.len()];
        let id = uuid::Uuid::now_v7().to_string();
        let created = now - chrono::Duration::days(30 + rng.below(600) as i64);
        let name = if count <= 60 {
            names[(i / 3) % names.len()].to_owned()
        } else {
            format!("{}·{i:05}", names[(i / 3) % names.len()])
        };
        events.push(event("brand", &id, None, Draft.name(), created));
        let path: &[BrandStatus] = match status {
            Draft => &[],
            Applied => &[Applied],
            Returned => &[Applied, Returned],
            Recommended => &[Applied, Recommended],
            Recognized => &[Applied, Recommended, Recognized],
            Demonstration => &[Applied, Recommended, Recognized, Demonstration],
            Revoked => &[Applied, Recommended, Recognized, Revoked],
        };
        let mut from = Draft;
        for (k, s) in path.iter().enumerate() {
            events.push(event(
                "brand",
                &id,
                Some(from.name()),
                s.name(),
                created + chrono::Duration::days(7 * (k as i64 + 1)),
            ));
            from = *s;
        }
        rows.push(BrandRow {
            id,
            name,
            line,
            focus: list_to_json(&focus_for(line, i)),
            owner_organization_id: owner.clone(),
            description: format!("{}：扎根重点帮扶县，持续开展{}。", line.zh(), focus_for(line, i)[0].zh()),
            started_year: Some(2019 + (i % 7) as i64),
            status,
            province_code: provinces.get(owner).cloned().unwrap_or_default(),
            review_flag: false,
            review_reason: None,
            version: 1,
            created_at: created,
            updated_at: created + chrono::Duration::days(7 * path.len() as i64),
            dossier: "{}".into(),
            dossier_at: now,
            funds_in_place_fen: 0,
            counties_reached: 0,
        });
    }
    let mut linked = 0;
    crate::db::write_transaction::<_, anyhow::Error, _>(conn, |conn| {
        for chunk in rows.chunks(super::BATCH) {
            crate::batch_insert!(conn, brands::table, chunk)?;
        }
        for chunk in events.chunks(super::BATCH) {
            crate::batch_insert!(conn, status_events::table, chunk)?;
        }
        // The projects each owner takes part in (one index range per chunk of owners: a join
        // with `projects` here made SQLite walk the national data set), each linked once.
        let mut by_owner: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
        let mut taken: std::collections::HashSet<String> = projects::table
            .filter(projects::brand_id.is_not_null())
            .select(projects::id)
            .load::<String>(conn)?
            .into_iter()
            .collect();
        for chunk in owners.chunks(super::BATCH) {
            let pairs: Vec<(String, String)> = project_organizations::table
                .filter(project_organizations::organization_id.eq_any(chunk))
                .filter(project_organizations::consent.eq(Consent::Accepted))
                .select((project_organizations::organization_id, project_organizations::project_id))
                .load(conn)?;
            for (o, p) in pairs {
                by_owner.entry(o).or_default().push(p);
            }
        }
        for b in rows.iter().filter(|b| b.status != Draft) {
            let mine = by_owner.entry(b.owner_organization_id.clone()).or_default();
            mine.retain(|p| !taken.contains(p));
            let take: Vec<String> = mine.drain(..mine.len().min(projects_per)).collect();
            taken.extend(take.iter().cloned());
            if !take.is_empty() {
                linked += diesel::update(projects::table.filter(projects::id.eq_any(&take)))
                    .set(projects::brand_id.eq(&b.id))
                    .execute(conn)?;
            }
            crate::brands::dossier::refresh(conn, &b.id, now)?;
        }
        Ok(())
    })?;
    Ok((rows.len(), linked))
}

/// Two collections: last year's, published, with typical cases (all but one consented to), and
/// this year's, open until the end of the year, with cases at every other status (the first
/// organization's a draft). Each case links its organization's projects and counties.
pub fn cases(conn: &mut DbConn, orgs: &[String], now: NaiveDateTime) -> anyhow::Result<usize> {
    use chrono::Datelike;
    let year = now.year();
    let mut n = 0;
    crate::db::write_transaction::<_, anyhow::Error, _>(conn, |conn| {
        let collections = [
            (year - 1, CollectionStatus::Published, format!("{}年度社会组织助力乡村振兴典型案例征集", year - 1)),
            (year, CollectionStatus::Open, format!("{year}年度社会组织助力乡村振兴典型案例征集")),
        ];
        for (y, status, title) in collections {
            let id = uuid::Uuid::now_v7().to_string();
            let row = CollectionRow {
                id: id.clone(),
                title,
                year: y.into(),
                deadline: chrono::NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default(),
                description: "面向参与结对帮扶的社会组织，征集产业、就业、教育、健康、养老、消费帮扶的典型做法。"
                    .into(),
                status,
                version: 1,
                created_at: now - chrono::Duration::days(if status == CollectionStatus::Open { 60 } else { 400 }),
                updated_at: now,
            };
            diesel::insert_into(case_collections::table).values(&row).execute(conn)?;
            diesel::insert_into(status_events::table)
                .values(&event("case_collection", &id, None, "open", row.created_at))
                .execute(conn)?;
            if status == CollectionStatus::Published {
                diesel::insert_into(status_events::table)
                    .values(&event("case_collection", &id, Some("open"), "closed", now - chrono::Duration::days(300)))
                    .execute(conn)?;
                diesel::insert_into(status_events::table)
                    .values(&event(
                        "case_collection",
                        &id,
                        Some("closed"),
                        "published",
                        now - chrono::Duration::days(280),
                    ))
                    .execute(conn)?;
            }
            use CaseStatus::*;
            let statuses: &[CaseStatus] = if status == CollectionStatus::Published {
                &[Typical, Typical, Typical, Typical]
            } else {
                &[Draft, Submitted, Shortlisted, Returned, Submitted]
            };
            let titles = [
                "“公司+合作社+农户”带动花椒产业增收",
                "留守儿童“四点半课堂”托起乡村希望",
                "互助养老幸福院让老人老有所依",
                "电商直播让山货走出大山",
                "村医培训提升基层卫生服务能力",
            ];
            for (k, s) in statuses.iter().enumerate() {
                let org = &orgs[(k * 3) % orgs.len()];
                let province: String =
                    organizations::table.find(org).select(organizations::province_code).first(conn)?;
                let projects: Vec<(String, String)> = project_organizations::table
                    .inner_join(projects::table.on(projects::id.eq(project_organizations::project_id)))
                    .filter(project_organizations::organization_id.eq(org))
                    .filter(project_organizations::consent.eq(Consent::Accepted))
                    .select((projects::id, projects::county_code))
                    .limit(3)
                    .load(conn)?;
                let mut counties: Vec<String> = projects.iter().map(|p| p.1.clone()).collect();
                counties.sort();
                counties.dedup();
                let id = uuid::Uuid::now_v7().to_string();
                let line = [
                    BrandLine::Development,
                    BrandLine::Governance,
                    BrandLine::Governance,
                    BrandLine::Development,
                    BrandLine::Construction,
                ][k % 5];
                diesel::insert_into(cases::table)
                    .values(&CaseRow {
                        id: id.clone(),
                        collection_id: row.id.clone(),
                        title: titles[(k + usize::from(status == CollectionStatus::Open)) % titles.len()].into(),
                        organization_id: org.clone(),
                        province_code: province,
                        brand_id: None,
                        line,
                        county_codes: serde_json::to_string(&counties)?,
                        background: "重点帮扶县产业基础薄弱，青壮年外出务工，留守老人儿童较多。".into(),
                        approach: "与县乡村振兴局结对，依托村两委和合作社，整合资金、人才和渠道资源。".into(),
                        results: "项目落地后带动农户稳定增收，服务覆盖多个行政村。".into(),
                        lessons: "坚持需求导向、可持续运营，做到留得住、可持续、出成效。".into(),
                        // The last typical case was not consented to: it stays off the showcase.
                        consent_to_publish: !(status == CollectionStatus::Published && k == statuses.len() - 1),
                        status: *s,
                        version: 1,
                        created_at: row.created_at + chrono::Duration::days(10),
                        updated_at: now - chrono::Duration::days(k as i64),
                    })
                    .execute(conn)?;
                let links: Vec<_> = projects
                    .iter()
                    .map(|p| (case_projects::case_id.eq(id.clone()), case_projects::project_id.eq(p.0.clone())))
                    .collect();
                if !links.is_empty() {
                    crate::batch_insert!(conn, case_projects::table, &links)?;
                }
                diesel::insert_into(status_events::table)
                    .values(&event("case", &id, None, "draft", row.created_at + chrono::Duration::days(10)))
                    .execute(conn)?;
                let path: &[CaseStatus] = match s {
                    Draft => &[],
                    Submitted => &[Submitted],
                    Shortlisted => &[Submitted, Shortlisted],
                    Typical => &[Submitted, Shortlisted, Typical],
                    Returned => &[Submitted, Returned],
                };
                let mut from = Draft;
                for (j, to) in path.iter().enumerate() {
                    let at = row.created_at + chrono::Duration::days(12 + 5 * j as i64);
                    diesel::insert_into(status_events::table)
                        .values(&event("case", &id, Some(from.name()), to.name(), at))
                        .execute(conn)?;
                    from = *to;
                }
                n += 1;
            }
        }
        Ok(())
    })?;
    Ok(n)
}
