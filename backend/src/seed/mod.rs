//! Synthetic data for benchmarks: many organizations with offers and a track record of
//! pairings, generated deterministically (the same data for the same size), inserted in batches.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{counties, offers, organizations, pairing_events, pairing_members, pairings, provinces};
use crate::domain::Consent;
use crate::domain::credit_code::with_check_char;
use crate::domain::pairing::{ConsentStep, PairingStatus};
use crate::domain::project::{ProjectRole, ProjectStatus};
use crate::domain::text_enum::list_to_json;
use crate::domain::{
    AssistanceType, Channel, Department, LegalForm, NeedStatus, OrgCategory, OrgStatus, RecommendedBy, Region,
    RegistrationLevel, Role,
};
use crate::organizations::model::OrgRow;
use crate::organizations::offers::OfferRow;
use crate::pairings::model::{EventRow, MemberRow, PairingRow};

mod evaluation;
mod incidents;
mod showcase;
mod trainings;
mod year_end;
pub use showcase::{brands, cases};

const BATCH: usize = 1000;

/// xorshift64*: small, fast and reproducible.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub struct Seeded {
    pub organizations: usize,
    pub offers: usize,
    pub pairings: usize,
}

/// Adds `count` organizations (about a third with an offer) and `count / 50` active pairings
/// with key counties. Refuses to run twice on the same database.
pub fn organizations(conn: &mut DbConn, count: usize, now: NaiveDateTime) -> anyhow::Result<Seeded> {
    let existing: i64 = organizations::table.filter(organizations::name.like("基准组织%")).count().get_result(conn)?;
    if existing > 0 {
        anyhow::bail!("this database already holds {existing} benchmark organizations");
    }
    let provinces: Vec<(String, String)> =
        provinces::table.select((provinces::code, provinces::region)).order(provinces::code).load(conn)?;
    let west: Vec<&String> = provinces.iter().filter(|p| p.1 == "west").map(|p| &p.0).collect();
    let key_counties: Vec<String> =
        counties::table.filter(counties::key_county.eq(true)).select(counties::code).load(conn)?;
    let mut rng = Rng(0x5eed_2026);
    let types = AssistanceType::ALL;
    let mut org_ids = Vec::with_capacity(count);
    let mut seeded = Seeded { organizations: 0, offers: 0, pairings: 0 };
    crate::db::write_transaction::<_, anyhow::Error, _>(conn, |conn| {
        for start in (0..count).step_by(BATCH) {
            let mut orgs = Vec::with_capacity(BATCH);
            let mut offer_rows = vec![];
            for n in start..(start + BATCH).min(count) {
                let province = &provinces[rng.below(provinces.len())].0;
                let kind = 1 + rng.below(3);
                let code = with_check_char(&format!("5{kind}{province}{n:09}"));
                let specialties: Vec<AssistanceType> =
                    (0..1 + rng.below(3)).map(|_| types[rng.below(types.len())]).collect();
                let id = uuid::Uuid::now_v7().to_string();
                orgs.push(OrgRow {
                    id: id.clone(),
                    name: format!("基准组织{n:06}"),
                    credit_code: code,
                    credit_code_check_failed: false,
                    legal_form: LegalForm::ALL[kind - 1],
                    registration_level: RegistrationLevel::ALL[rng.below(4)],
                    province_code: province.clone(),
                    category: OrgCategory::ALL[rng.below(4)],
                    specialties: list_to_json(&specialties),
                    party_org: rng.below(2) == 0,
                    recommended_by: None,
                    status: if rng.below(50) == 0 { OrgStatus::Suspended } else { OrgStatus::Active },
                    status_reason: None,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                    credit_code_confirmed_by: None,
                    credit_code_confirmed_at: None,
                });
                if rng.below(3) == 0 {
                    let prefs: Vec<String> = (0..rng.below(3)).map(|_| west[rng.below(west.len())].clone()).collect();
                    let offer_types: Vec<AssistanceType> =
                        (0..1 + rng.below(2)).map(|_| types[rng.below(types.len())]).collect();
                    offer_rows.push(OfferRow {
                        id: uuid::Uuid::now_v7().to_string(),
                        organization_id: id.clone(),
                        title: format!("资源供给{n}"),
                        assistance_types: list_to_json(&offer_types),
                        preferred_province_codes: serde_json::to_string(&prefs).unwrap_or_else(|_| "[]".into()),
                        preferred_regions: if rng.below(4) == 0 { list_to_json(&[Region::West]) } else { "[]".into() },
                        capacity_fen: (100_000 + rng.below(5_000_000) as i64) * 100,
                        description: String::new(),
                        active: true,
                        version: 1,
                        created_at: now,
                        updated_at: now,
                    });
                }
                org_ids.push(id);
            }
            crate::batch_insert!(conn, organizations::table, &orgs)?;
            crate::batch_insert!(conn, offers::table, &offer_rows)?;
            seeded.organizations += orgs.len();
            seeded.offers += offer_rows.len();
        }
        let pairing_count = if key_counties.is_empty() { 0 } else { count / 50 };
        for start in (0..pairing_count).step_by(BATCH) {
            let mut rows = vec![];
            let mut members = vec![];
            let mut events = vec![];
            for _ in start..(start + BATCH).min(pairing_count) {
                let id = uuid::Uuid::now_v7().to_string();
                let lead = org_ids[rng.below(org_ids.len())].clone();
                rows.push(PairingRow {
                    id: id.clone(),
                    county_code: key_counties[rng.below(key_counties.len())].clone(),
                    lead_organization_id: lead.clone(),
                    assistance_types: list_to_json(&[types[rng.below(types.len())]]),
                    channel: Channel::NationalOrg,
                    status: PairingStatus::Active,
                    planned_funds_fen: 0,
                    planned_projects: 1,
                    commitment: String::new(),
                    start_date: Some(now.date()),
                    end_date: None,
                    review_flag: false,
                    review_reason: None,
                    need_id: None,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                    // Active pairings have both consents.
                    confirmed_at: Some(now),
                    confirmed_by: Some("system:seed".into()),
                });
                members.push(MemberRow {
                    pairing_id: id.clone(),
                    organization_id: lead,
                    consent: Consent::Accepted,
                    consent_at: Some(now),
                    consent_by: Some("system:seed".into()),
                });
                events.push(EventRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    pairing_id: id,
                    at: now,
                    actor_label: "system:seed".into(),
                    from_status: None,
                    to_status: PairingStatus::Active,
                    reason: String::new(),
                    consent: None,
                    organization_id: None,
                });
            }
            crate::batch_insert!(conn, pairings::table, &rows)?;
            crate::batch_insert!(conn, pairing_members::table, &members)?;
            crate::batch_insert!(conn, pairing_events::table, &events)?;
            seeded.pairings += rows.len();
        }
        Ok(())
    })?;
    Ok(seeded)
}

/// Adds `count` projects (a fifth docked at `campaigns` rural-tour events) with `updates_per`
/// progress updates each, spread over the key counties and the given organizations, at every
/// stage; some stale, some signed long ago. Deterministic for the same arguments.
pub fn projects(
    conn: &mut DbConn,
    org_ids: &[String],
    count: usize,
    updates_per: usize,
    now: NaiveDateTime,
) -> anyhow::Result<(usize, usize, Vec<String>)> {
    use crate::db::schema::{campaigns, docking_events, project_organizations, project_updates, projects};
    let named: Vec<(String, String)> = counties::table
        .filter(counties::key_county.eq(true))
        .select((counties::code, counties::name))
        .order(counties::code)
        .load(conn)?;
    let key_counties: Vec<String> = named.iter().map(|(code, _)| code.clone()).collect();
    anyhow::ensure!(!key_counties.is_empty() && !org_ids.is_empty(), "needs key counties and organizations");
    let mut rng = Rng(0x0a11_2026);
    let types = AssistanceType::ALL;
    use ProjectStatus::{Cancelled, Completed, Docking, Landed, Signed, Suspended};
    let statuses = [Docking, Signed, Signed, Landed, Landed, Landed, Completed, Completed, Suspended, Cancelled];
    let mut inserted = (0, 0);
    let mut campaign_ids = vec![];
    crate::db::write_transaction::<_, anyhow::Error, _>(conn, |conn| {
        // Three years of the rural tour, four docking events each.
        let mut events: Vec<(String, String, String)> = vec![];
        for (i, year) in [2024i64, 2025, 2026].into_iter().enumerate() {
            let cid = uuid::Uuid::now_v7().to_string();
            diesel::insert_into(campaigns::table)
                .values((
                    campaigns::id.eq(&cid),
                    campaigns::year.eq(year),
                    campaigns::theme.eq([
                        "凝聚社会力量 助力乡村振兴",
                        "结对帮扶 共建共享",
                        "社会组织乡村行 · 聚力重点帮扶县",
                    ][i]),
                    campaigns::province_codes.eq("[\"510000\",\"520000\",\"530000\",\"450000\"]"),
                    campaigns::county_codes.eq("[]"),
                    campaigns::version.eq(1i64),
                    campaigns::created_at.eq(now),
                    campaigns::updated_at.eq(now),
                ))
                .execute(conn)?;
            for e in 0..4 {
                let eid = uuid::Uuid::now_v7().to_string();
                let (county, county_name) = named[rng.below(named.len())].clone();
                // Read like real events: the county's name and venue, and the organizations that came.
                let venue = ["人民政府会议中心", "乡村振兴局会议室", "文化馆", "职业技术学校"][e as usize];
                let came: Vec<&String> = (0..3).map(|_| &org_ids[rng.below(org_ids.len())]).collect();
                diesel::insert_into(docking_events::table)
                    .values((
                        docking_events::id.eq(&eid),
                        docking_events::campaign_id.eq(&cid),
                        docking_events::event_date
                            .eq(chrono::NaiveDate::from_ymd_opt(year as i32, 4 + e * 2, 15).unwrap_or_default()),
                        docking_events::place.eq(format!("{county_name}{venue} · 项目对接会")),
                        docking_events::county_code.eq(&county),
                        docking_events::organization_ids
                            .eq(serde_json::to_string(&came).unwrap_or_else(|_| "[]".into())),
                        docking_events::created_at.eq(now),
                    ))
                    .execute(conn)?;
                events.push((eid, cid.clone(), county));
            }
            campaign_ids.push(cid);
        }
        for start in (0..count).step_by(BATCH) {
            let n = (start + BATCH).min(count) - start;
            let mut rows = Vec::with_capacity(n);
            let mut members = Vec::with_capacity(n);
            let mut updates = Vec::with_capacity(n * updates_per);
            for i in start..start + n {
                let id = uuid::Uuid::now_v7().to_string();
                let status = statuses[rng.below(statuses.len())];
                let stage = status.stage().unwrap_or_else(|| rng.below(3) as i64);
                let landed = status.stage() >= Some(2);
                let event = (rng.below(5) == 0).then(|| &events[rng.below(events.len())]);
                let county =
                    event.map(|e| e.2.clone()).unwrap_or_else(|| key_counties[rng.below(key_counties.len())].clone());
                // Activity spread over the last 400 days: the oldest open ones are stale.
                let last = now - chrono::Duration::days(rng.below(400) as i64);
                let planned = (50_000 + rng.below(3_000_000) as i64) * 100;
                let per_update = planned / (updates_per as i64 + 2);
                rows.push(crate::projects::model::ProjectRow {
                    id: id.clone(),
                    title: format!("{}项目{i:07}", types[i % types.len()].zh()),
                    province_code: format!("{}0000", &county[..2]),
                    county_code: county,
                    pairing_id: None,
                    need_id: None,
                    event_id: event.map(|e| e.0.clone()),
                    campaign_id: event.map(|e| e.1.clone()),
                    assistance_type: types[i % types.len()],
                    planned_funds_fen: planned,
                    funds_in_place_fen: per_update * updates_per as i64,
                    beneficiaries_planned: 100 + rng.below(5000) as i64,
                    beneficiaries_reached: 10 * updates_per as i64,
                    government_purchase: rng.below(5) == 0,
                    contract_number: None,
                    contract_amount_fen: None,
                    sustainability: String::new(),
                    status,
                    stage,
                    suspended_from: (status == Suspended).then_some(Signed),
                    signed_at: (stage >= 1).then(|| last - chrono::Duration::days(30)),
                    // landed ones were declared and confirmed between signing and their last
                    // activity, so the dashboards' landings per month and 本年落地 have figures
                    landing_declared_at: landed.then(|| last - chrono::Duration::days(15)),
                    landing_declared_by: landed.then(|| "system:seed".to_owned()),
                    landing_confirmed_at: landed.then(|| last - chrono::Duration::days(10)),
                    landing_confirmed_by: landed.then(|| "system:seed".to_owned()),
                    last_activity_at: last,
                    version: 1,
                    created_at: last - chrono::Duration::days(60),
                    updated_at: last,
                    review_flag: false,
                    review_reason: None,
                    brand_id: None,
                });
                members.push((
                    project_organizations::project_id.eq(id.clone()),
                    project_organizations::organization_id.eq(org_ids[rng.below(org_ids.len())].clone()),
                    project_organizations::role.eq(ProjectRole::Lead),
                    project_organizations::consent.eq(Consent::Accepted),
                    project_organizations::consent_at.eq(last - chrono::Duration::days(60)),
                    project_organizations::consent_by.eq("system:seed"),
                ));
                for u in 0..updates_per {
                    updates.push((
                        project_updates::id.eq(uuid::Uuid::now_v7().to_string()),
                        project_updates::project_id.eq(id.clone()),
                        project_updates::update_date
                            .eq((last - chrono::Duration::days(10 * (updates_per - u) as i64)).date()),
                        project_updates::narrative.eq("进展顺利"),
                        project_updates::funds_delta_fen.eq(per_update),
                        project_updates::beneficiaries_delta.eq(10i64),
                        project_updates::created_by.eq("system:seed"),
                        project_updates::created_at.eq(last),
                    ));
                }
            }
            crate::batch_insert!(conn, projects::table, &rows)?;
            crate::batch_insert!(conn, project_organizations::table, &members)?;
            for chunk in updates.chunks(BATCH) {
                crate::batch_insert!(conn, project_updates::table, chunk)?;
            }
            inserted.0 += rows.len();
            inserted.1 += updates.len();
        }
        // The two statements below join a million new rows: without statistics PostgreSQL
        // believes the tables empty, plans each project's parties as a scan of every
        // organization, and takes hours instead of minutes. ANALYZE inside this transaction
        // sees its rows.
        if let DbConn::Postgres(_) = conn {
            diesel::sql_query("ANALYZE projects, project_organizations, project_updates, organizations")
                .execute(conn)?;
        }
        // written in bulk, around the per-write increments: the statistics recount them once
        crate::projects::rollup::rebuild(conn)?;
        crate::projects::store::refresh_all_parties(conn)?;
        Ok(())
    })?;
    Ok((inserted.0, inserted.1, campaign_ids))
}

/// Refreshes the planner's statistics after a bulk load (PostgreSQL plans joins badly without
/// them until autovacuum gets round to it; SQLite uses them to choose indexes). On PostgreSQL
/// it also vacuums, so index-only scans work at once and autovacuum does not start mid-benchmark.
pub fn analyze(conn: &mut DbConn) -> anyhow::Result<()> {
    // Every project row was written twice (the row, then its `parties`): rewritten compactly,
    // or on PostgreSQL the table and its indexes stay nearly twice their size (1.9 GB against
    // 1.1 GB at national scale) and random reads miss the cache.
    if let DbConn::Postgres(_) = conn {
        diesel::sql_query("VACUUM FULL projects").execute(conn)?;
    }
    let names = crate::maintenance::tables::names(conn)?;
    match conn {
        DbConn::Postgres(c) => crate::maintenance::tables::analyze_filled(c, names)?,
        DbConn::Sqlite(_) => {
            diesel::sql_query("ANALYZE").execute(conn)?;
        }
    }
    // SQLite: fold the bulk load's write-ahead log (gigabytes at national scale) into the
    // database, so that the reads that follow do not wade through it.
    if let DbConn::Sqlite(_) = conn {
        diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)").execute(conn)?;
    }
    Ok(())
}

pub fn benchmark_org_ids(conn: &mut DbConn) -> anyhow::Result<Vec<String>> {
    Ok(organizations::table
        .filter(organizations::name.like("基准组织%"))
        .filter(organizations::status.eq(OrgStatus::Active))
        .select(organizations::id)
        .order(organizations::id)
        .load(conn)?)
}

pub const DEMO_PASSWORD: &str = "Demo-passw0rd!";

/// An account the demo makes, all with [`DEMO_PASSWORD`].
pub struct DemoAccount {
    pub username: &'static str,
    pub display: &'static str,
    pub role: Role,
    pub province: Option<&'static str>,
    pub county: Option<&'static str>,
    /// Who it is, for the list `seed-demo` prints.
    pub who: &'static str,
    /// A coordinator's department, when not 乡村振兴 (`Department::default_for`).
    pub department: Option<Department>,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 6] = [
    DemoAccount {
        username: "sc-officer",
        display: "四川省乡村振兴局",
        role: Role::ProvincialOfficer,
        province: Some("510000"),
        county: None,
        who: "provincial officer, 四川省",
        department: None,
    },
    DemoAccount {
        username: "sc-civil",
        display: "四川省民政厅",
        role: Role::ProvincialOfficer,
        province: Some("510000"),
        county: None,
        who: "provincial officer, 四川省 (民政)",
        department: Some(Department::CivilAffairs),
    },
    DemoAccount {
        username: "zhaojue",
        display: "昭觉县乡村振兴局",
        role: Role::CountyOfficer,
        province: Some("510000"),
        county: Some("513431"),
        who: "county officer, 昭觉县",
        department: None,
    },
    DemoAccount {
        username: "org-staff",
        display: "社会组织工作人员",
        role: Role::OrgMember,
        province: None,
        county: None,
        who: "member of the first demo organization",
        department: None,
    },
    DemoAccount {
        username: "expert-li",
        display: "李评审（评估专家）",
        role: Role::Evaluator,
        province: None,
        county: None,
        who: "evaluation expert",
        department: None,
    },
    DemoAccount {
        username: "expert-wang",
        display: "王评审（评估专家）",
        role: Role::Evaluator,
        province: None,
        county: None,
        who: "evaluation expert",
        department: None,
    },
];

/// A small, living demo on an empty database: 40 organizations with offers, pairings across 30
/// key counties at every stage, open needs, three years of the rural tour with 120 projects, and
/// three demo accounts. Deterministic apart from ids and timestamps.
pub fn demo(conn: &mut DbConn, now: NaiveDateTime) -> anyhow::Result<String> {
    use crate::auth::password;
    use crate::db::schema::{needs, users};
    let existing: i64 = organizations::table.count().get_result(conn)?;
    anyhow::ensure!(existing == 0, "the database already has organizations; seed-demo fills an empty one");
    let places = [
        ("中国", "110000"),
        ("浙江省", "330000"),
        ("广东省", "440000"),
        ("江苏省", "320000"),
        ("上海市", "310000"),
        ("北京市", "110000"),
        ("四川省", "510000"),
        ("福建省", "350000"),
        ("山东省", "370000"),
        ("天津市", "120000"),
    ];
    let themes = [
        ("乡村振兴", AssistanceType::Industry),
        ("慈善", AssistanceType::Other),
        ("农业产业化", AssistanceType::Industry),
        ("青少年发展", AssistanceType::Education),
        ("老龄事业发展", AssistanceType::ElderlyCare),
        ("电子商务", AssistanceType::Consumption),
        ("医疗健康", AssistanceType::Health),
        ("职业技能培训", AssistanceType::Employment),
    ];
    let suffixes = [
        ("基金会", LegalForm::Foundation, 3),
        ("促进会", LegalForm::SocialGroup, 1),
        ("协会", LegalForm::SocialGroup, 1),
        ("发展服务中心", LegalForm::SocialServiceAgency, 2),
    ];
    let key_counties: Vec<(String, String)> = counties::table
        .filter(counties::key_county.eq(true))
        .select((counties::code, counties::province_code))
        .order(counties::code)
        .load(conn)?;
    let pairs: Vec<(String, String)> = crate::db::schema::east_west_pairs::table
        .select((
            crate::db::schema::east_west_pairs::east_province_code,
            crate::db::schema::east_west_pairs::west_province_code,
        ))
        .load(conn)?;
    // (id, province, specialty, name)
    let mut orgs: Vec<(String, String, AssistanceType, String)> = vec![];
    crate::db::write_transaction::<_, anyhow::Error, _>(conn, |conn| {
        for i in 0..40 {
            let (place, province) = places[i % places.len()];
            let (theme, kind) = themes[(i * 3 + i / places.len()) % themes.len()];
            let (suffix, form, digit) = suffixes[(i + i / 4) % suffixes.len()];
            let id = uuid::Uuid::now_v7().to_string();
            let specialties = vec![kind, types_after(kind)];
            let row = OrgRow {
                id: id.clone(),
                name: format!("{place}{theme}{suffix}"),
                credit_code: with_check_char(&format!("5{digit}{province}{:09}", 500_000 + i)),
                credit_code_check_failed: false,
                legal_form: form,
                registration_level: if place == "中国" {
                    RegistrationLevel::National
                } else {
                    RegistrationLevel::Provincial
                },
                province_code: province.into(),
                category: if suffix == "协会" || suffix == "促进会" {
                    OrgCategory::IndustryAssociation
                } else {
                    OrgCategory::Charity
                },
                specialties: list_to_json(&specialties),
                party_org: i % 3 != 0,
                recommended_by: match i % 4 {
                    0 => Some(RecommendedBy::RuralRevitalizationBureau),
                    1 => Some(RecommendedBy::CivilAffairs),
                    _ => None,
                },
                status: OrgStatus::Active,
                status_reason: None,
                version: 1,
                created_at: now,
                updated_at: now,
                credit_code_confirmed_by: None,
                credit_code_confirmed_at: None,
            };
            if organizations::table.filter(organizations::name.eq(&row.name)).count().get_result::<i64>(conn)? > 0 {
                continue;
            }
            diesel::insert_into(organizations::table).values(&row).execute(conn)?;
            let west: Vec<String> = pairs.iter().filter(|p| p.0 == province).map(|p| p.1.clone()).collect();
            diesel::insert_into(offers::table)
                .values(&OfferRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    organization_id: id.clone(),
                    title: format!("{theme}资源供给"),
                    assistance_types: list_to_json(&specialties),
                    preferred_province_codes: serde_json::to_string(&west).unwrap_or_else(|_| "[]".into()),
                    preferred_regions: list_to_json(&[Region::West]),
                    capacity_fen: (500_000 + 100_000 * (i as i64 % 20)) * 100,
                    description: "资金、技术与志愿服务".into(),
                    active: true,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                })
                .execute(conn)?;
            orgs.push((id, province.to_owned(), kind, row.name.clone()));
        }
        // Pairings with 30 key counties: most active, a few still on their way, each with a
        // truthful history of both consents.
        for (n, (county, county_province)) in key_counties.iter().step_by(3).take(30).enumerate() {
            let partner = orgs.iter().position(|o| pairs.iter().any(|p| p.0 == o.1 && &p.1 == county_province));
            let lead = partner.unwrap_or(n % orgs.len());
            let status = {
                use PairingStatus::{Accepted, Active, Concluded, Confirmed, Proposed, Recommended};
                [Active, Active, Active, Accepted, Confirmed, Proposed, Recommended, Concluded][n % 8]
            };
            // Histories name people as the platform does: display name, organization for its members.
            let story: Vec<(String, PairingStatus, Option<ConsentStep>)> = demo_story(status, n)
                .into_iter()
                .map(|(who, to, consent)| (demo_person(who, &orgs[lead].3), to, consent))
                .collect();
            let at = |k: usize| now - chrono::Duration::days(240 - 20 * k as i64);
            let published = story.iter().position(|s| s.1 == PairingStatus::Active);
            let accepted = story.iter().position(|s| s.2 == Some(ConsentStep::OrganizationAccepted));
            let confirmed = story.iter().position(|s| s.2 == Some(ConsentStep::CountyConfirmed));
            let id = uuid::Uuid::now_v7().to_string();
            let channel = if partner.is_some() { Channel::EastWestCooperation } else { Channel::NationalOrg };
            diesel::insert_into(pairings::table)
                .values(&PairingRow {
                    id: id.clone(),
                    county_code: county.clone(),
                    lead_organization_id: orgs[lead].0.clone(),
                    assistance_types: list_to_json(&[orgs[lead].2]),
                    channel,
                    status,
                    planned_funds_fen: (1_000_000 + 250_000 * n as i64) * 100,
                    planned_projects: 1 + (n % 4) as i64,
                    commitment: "三年结对帮扶，资金、项目与人才并举".into(),
                    start_date: published.map(|k| at(k).date()),
                    end_date: (status == PairingStatus::Concluded).then(|| at(story.len() - 1).date()),
                    review_flag: false,
                    review_reason: None,
                    need_id: None,
                    version: 1,
                    created_at: at(0),
                    updated_at: at(story.len() - 1),
                    confirmed_at: confirmed.map(at),
                    confirmed_by: confirmed.map(|k| story[k].0.clone()),
                })
                .execute(conn)?;
            diesel::insert_into(pairing_members::table)
                .values(&MemberRow {
                    pairing_id: id.clone(),
                    organization_id: orgs[lead].0.clone(),
                    consent: if accepted.is_some() { Consent::Accepted } else { Consent::Invited },
                    consent_at: accepted.map(at),
                    consent_by: accepted.map(|k| story[k].0.clone()),
                })
                .execute(conn)?;
            for (k, (actor, step, consent)) in story.iter().enumerate() {
                diesel::insert_into(pairing_events::table)
                    .values(&EventRow {
                        id: uuid::Uuid::now_v7().to_string(),
                        pairing_id: id.clone(),
                        at: at(k),
                        actor_label: actor.clone(),
                        from_status: (k > 0).then(|| story[k - 1].1),
                        to_status: *step,
                        reason: String::new(),
                        consent: *consent,
                        organization_id: (*consent == Some(ConsentStep::OrganizationAccepted))
                            .then(|| orgs[lead].0.clone()),
                    })
                    .execute(conn)?;
            }
        }
        // Open needs in 20 key counties.
        let titles = [
            "特色农产品加工车间建设",
            "留守儿童课后服务",
            "村级卫生室设备更新",
            "农村互助养老幸福院",
            "电商直播带货培训",
            "劳务输出技能培训",
        ];
        for (n, (county, _)) in key_counties.iter().skip(1).step_by(4).take(20).enumerate() {
            let kind = [
                AssistanceType::Industry,
                AssistanceType::Education,
                AssistanceType::Health,
                AssistanceType::ElderlyCare,
                AssistanceType::Consumption,
                AssistanceType::Employment,
            ][n % 6];
            diesel::insert_into(needs::table)
                .values((
                    needs::id.eq(uuid::Uuid::now_v7().to_string()),
                    needs::county_code.eq(county),
                    needs::assistance_type.eq(kind.as_str()),
                    needs::title.eq(titles[n % titles.len()]),
                    needs::description.eq("县乡村振兴局提出的年度重点需求"),
                    needs::budget_estimate_fen.eq((300_000 + 100_000 * n as i64) * 100),
                    needs::beneficiaries.eq(200 + 50 * n as i64),
                    needs::priority.eq(["high", "medium", "low"][n % 3]),
                    needs::status.eq(NeedStatus::Open),
                    needs::version.eq(1i64),
                    needs::created_at.eq(now),
                    needs::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        // Demo accounts.
        let hash = password::hash(DEMO_PASSWORD)?;
        for DemoAccount { username, display, role, province, county, department, .. } in DEMO_ACCOUNTS {
            let org = (role == Role::OrgMember).then(|| orgs.first().map(|o| o.0.clone())).flatten();
            diesel::insert_into(users::table)
                .values(&crate::users::model::UserRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    username: username.into(),
                    password_hash: hash.clone(),
                    display_name: display.into(),
                    role,
                    province_code: province.map(str::to_owned),
                    county_code: county.map(str::to_owned),
                    organization_id: org,
                    disabled: false,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                    department: department.or(Department::default_for(role)),
                })
                .execute(conn)?;
        }
        Ok(())
    })?;
    let ids: Vec<String> = orgs.iter().map(|o| o.0.clone()).collect();
    let (projects, updates, _) = projects(conn, &ids, 120, 3, now)?;
    // Brands in every line at every status (the first organization's is a draft), and a
    // published and an open case collection.
    let (brands, _) = brands(conn, &ids, 27, 3, now)?;
    let cases = cases(conn, &ids, now)?;
    let evaluation = evaluation::evaluation(conn, now)?;
    let incidents = incidents::incidents(conn, now)?;
    let trainings = trainings::trainings(conn, &ids, now)?;
    let reports = year_end::reports(conn, now)?;
    // what the daily sweep would tell the demo accounts today (stale projects, closing collections)
    let notified = crate::notifications::sweep::sweep(conn, now)?;
    Ok(format!(
        "demo: {} organizations, 30 pairings, 20 needs, {projects} projects with {updates} updates, 3 rural-tour campaigns, \
         {brands} brands, 2 case collections with {cases} cases, {evaluation}, {incidents} incidents, {trainings} trainings, {reports} year-end reports, {notified} notifications",
        ids.len()
    ))
}

/// A demo account as histories name it (`auth::caller::person_name`); `org` is the organization
/// an `org-staff` step acts for.
fn demo_person(username: &str, org: &str) -> String {
    match DEMO_ACCOUNTS.iter().find(|a| a.username == username) {
        Some(a) => crate::auth::caller::person_name(a.display, (a.role == Role::OrgMember).then_some(org)),
        None => crate::bootstrap::ADMIN_DISPLAY_NAME.to_owned(),
    }
}

/// The steps of a demo pairing that ends in `status`: (actor, status after, consent given).
/// Published pairings have both consents, in either order.
fn demo_story(status: PairingStatus, n: usize) -> Vec<(&'static str, PairingStatus, Option<ConsentStep>)> {
    use ConsentStep::{CountyConfirmed, OrganizationAccepted};
    use PairingStatus::{Accepted, Active, Concluded, Confirmed, Proposed, Recommended};
    let mut steps = match status {
        Proposed => vec![("sc-officer", Proposed, None)],
        Recommended => vec![("zhaojue", Proposed, None), ("sc-officer", Recommended, None)],
        Accepted => vec![("org-staff", Accepted, Some(OrganizationAccepted))],
        Confirmed => vec![("zhaojue", Proposed, None), ("zhaojue", Confirmed, Some(CountyConfirmed))],
        // The organization applied and the county confirmed…
        _ if n.is_multiple_of(2) => {
            vec![("org-staff", Accepted, Some(OrganizationAccepted)), ("zhaojue", Active, Some(CountyConfirmed))]
        }
        // …or the county invited and confirmed, and the organization accepted.
        _ => vec![
            ("zhaojue", Proposed, None),
            ("zhaojue", Confirmed, Some(CountyConfirmed)),
            ("org-staff", Active, Some(OrganizationAccepted)),
        ],
    };
    if status == Concluded {
        steps.push(("admin", Concluded, None));
    }
    steps
}

fn types_after(t: AssistanceType) -> AssistanceType {
    let all = AssistanceType::ALL;
    all[(all.iter().position(|x| *x == t).unwrap_or(0) + 1) % all.len()]
}
