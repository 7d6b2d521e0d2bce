use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{east_west_pairs, offers, organizations, pairing_members, pairings, provinces};
use crate::domain::pairing::PairingStatus;
use crate::domain::text_enum::list_from_json;
use crate::domain::{AssistanceType, OrgStatus, Region};
use crate::error::ApiError;
use crate::error::ApiResult;

pub const MAX_AGE: Duration = Duration::from_secs(30);

/// What matching needs to know of one active organization; sets are bit masks.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    /// Index into `Index::provinces`.
    pub province: u8,
    /// Specialties and the types of its active offers (bit = `AssistanceType` position).
    pub types: u8,
    /// Provinces its offers prefer (bit = province index).
    pub preferred_provinces: u32,
    /// Regions its offers prefer (bit = `Region` position).
    pub preferred_regions: u8,
    /// Largest capacity of its active offers, in fen.
    pub capacity_fen: i64,
    /// Pairings it took part in that are active or concluded.
    pub track_record: i64,
    /// Pairings it is in that are active now.
    pub load: i64,
}

pub struct Index {
    pub candidates: Vec<Candidate>,
    /// Province codes, by index.
    pub provinces: Vec<String>,
    pub province_names: Vec<String>,
    pub regions: Vec<Region>,
    /// For each province index: the western provinces it assists (bit mask).
    pub assists: Vec<u32>,
    pub by_id: HashMap<String, usize>,
}

pub fn type_bit(t: AssistanceType) -> u8 {
    1 << AssistanceType::ALL.iter().position(|x| *x == t).unwrap_or(0)
}

pub fn region_bit(r: Region) -> u8 {
    match r {
        Region::East => 1,
        Region::Central => 2,
        Region::West => 4,
        Region::Northeast => 8,
    }
}

impl Index {
    pub fn province_index(&self, code: &str) -> Option<u8> {
        self.provinces.iter().position(|p| p == code).map(|i| i as u8)
    }

    pub fn build(conn: &mut DbConn) -> ApiResult<Index> {
        let prov: Vec<(String, String, String)> = provinces::table
            .select((provinces::code, provinces::name, provinces::region))
            .order(provinces::code)
            .load(conn)?;
        let codes: Vec<String> = prov.iter().map(|p| p.0.clone()).collect();
        let pos = |code: &str| codes.iter().position(|c| c == code);
        let mut assists = vec![0u32; codes.len()];
        let pairs: Vec<(String, String)> = east_west_pairs::table
            .select((east_west_pairs::east_province_code, east_west_pairs::west_province_code))
            .load(conn)?;
        for (east, west) in pairs {
            if let (Some(e), Some(w)) = (pos(&east), pos(&west)) {
                assists[e] |= 1 << w;
            }
        }

        let orgs: Vec<(String, String, String, String)> = organizations::table
            .filter(organizations::status.eq(OrgStatus::Active))
            .select((organizations::id, organizations::name, organizations::province_code, organizations::specialties))
            .order(organizations::id)
            .load(conn)?;
        let mut candidates: Vec<Candidate> = Vec::with_capacity(orgs.len());
        let mut by_id = HashMap::with_capacity(orgs.len());
        for (id, name, province, specialties) in orgs {
            let types = list_from_json::<AssistanceType>(&specialties).into_iter().fold(0u8, |m, t| m | type_bit(t));
            by_id.insert(id.clone(), candidates.len());
            candidates.push(Candidate {
                id,
                name,
                province: pos(&province).unwrap_or(0) as u8,
                types,
                preferred_provinces: 0,
                preferred_regions: 0,
                capacity_fen: 0,
                track_record: 0,
                load: 0,
            });
        }

        let offer_rows: Vec<(String, String, String, String, i64)> = offers::table
            .filter(offers::active.eq(true))
            .select((
                offers::organization_id,
                offers::assistance_types,
                offers::preferred_province_codes,
                offers::preferred_regions,
                offers::capacity_fen,
            ))
            .load(conn)?;
        for (org, types, prefs, regions, capacity) in offer_rows {
            let Some(&i) = by_id.get(&org) else { continue };
            let c = &mut candidates[i];
            c.types |= list_from_json::<AssistanceType>(&types).into_iter().fold(0u8, |m, t| m | type_bit(t));
            for p in serde_json::from_str::<Vec<String>>(&prefs).unwrap_or_default() {
                if let Some(j) = pos(&p) {
                    c.preferred_provinces |= 1 << j;
                }
            }
            c.preferred_regions |= list_from_json::<Region>(&regions).into_iter().fold(0u8, |m, r| m | region_bit(r));
            c.capacity_fen = c.capacity_fen.max(capacity);
        }

        let counts: Vec<(String, String, i64)> = pairing_members::table
            .inner_join(pairings::table)
            .filter(pairings::status.eq_any([PairingStatus::Active.as_str(), PairingStatus::Concluded.as_str()]))
            .group_by((pairing_members::organization_id, pairings::status))
            .select((pairing_members::organization_id, pairings::status, count_star()))
            .load(conn)?;
        for (org, status, n) in counts {
            let Some(&i) = by_id.get(&org) else { continue };
            candidates[i].track_record += n;
            if status == PairingStatus::Active.as_str() {
                candidates[i].load += n;
            }
        }

        Ok(Index {
            candidates,
            regions: prov
                .iter()
                .map(|p| p.2.parse::<Region>())
                .collect::<Result<_, _>>()
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("a province's region: {e}")))?,
            province_names: prov.iter().map(|p| p.1.clone()).collect(),
            provinces: codes,
            assists,
            by_id,
        })
    }
}

/// The shared index, rebuilt lazily after a write invalidated it or it grew old.
#[derive(Default)]
pub struct MatchingCache {
    generation: AtomicU64,
    current: Mutex<Option<(u64, Instant, Arc<Index>)>>,
}

impl MatchingCache {
    /// Called after any write to organizations, offers or pairings.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Moves with every `invalidate`: whether a request invalidated the index meanwhile.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub fn index(&self, conn: &mut DbConn) -> ApiResult<Arc<Index>> {
        let generation = self.generation.load(Ordering::SeqCst);
        if let Some((g, built, index)) = self.current.lock().unwrap_or_else(|e| e.into_inner()).as_ref()
            && *g == generation
            && built.elapsed() < MAX_AGE
        {
            return Ok(index.clone());
        }
        let index = Arc::new(Index::build(conn)?);
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = Some((generation, Instant::now(), index.clone()));
        Ok(index)
    }
}
