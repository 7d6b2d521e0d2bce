//! Synthetic data for benchmarks: many organizations with offers and a track record of
//! pairings, generated deterministically (the same data for the same size), inserted in batches.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{counties, offers, organizations, pairing_events, pairing_members, pairings, provinces};
use crate::domain::credit_code::with_check_char;
use crate::domain::text_enum::list_to_json;
use crate::domain::{AssistanceType, Region};
use crate::organizations::model::OrgRow;
use crate::organizations::offers::OfferRow;
use crate::pairings::model::{EventRow, PairingRow};

const BATCH: usize = 1000;

/// xorshift64*: small, fast and reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
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
                    legal_form: ["social_group", "social_service_agency", "foundation"][kind - 1].into(),
                    registration_level: ["national", "provincial", "prefecture", "county"][rng.below(4)].into(),
                    province_code: province.clone(),
                    category: ["industry_association", "charity", "community", "other"][rng.below(4)].into(),
                    specialties: list_to_json(&specialties),
                    party_org: rng.below(2) == 0,
                    recommended_by: None,
                    status: if rng.below(50) == 0 { "suspended" } else { "active" }.into(),
                    status_reason: None,
                    version: 1,
                    created_at: now,
                    updated_at: now,
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
                    channel: "national_org".into(),
                    status: "active".into(),
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
                });
                members.push((pairing_members::pairing_id.eq(id.clone()), pairing_members::organization_id.eq(lead)));
                events.push(EventRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    pairing_id: id,
                    at: now,
                    actor_label: "system:seed".into(),
                    from_status: None,
                    to_status: "active".into(),
                    reason: String::new(),
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
