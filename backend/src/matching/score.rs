//! The score of an organization for a need: six parts that add up, each explained.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::index::{Candidate, Index, region_bit, type_bit};
use crate::domain::{AssistanceType, Region};
use crate::needs::model::NeedRow;

/// The parts of a score (they add up to it).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MatchParts {
    /// 40 when the organization's specialties or offers include the need's assistance type.
    pub type_fit: i32,
    /// Up to 20: its offers prefer the need's province (20) or region (12), or it is registered
    /// in that province (8).
    pub region: i32,
    /// 15 when its province assists the need's province under east–west cooperation.
    pub east_west: i32,
    /// Up to 10: offer capacity against the need's budget.
    pub capacity: i32,
    /// Up to 10: 2 per active or concluded pairing.
    pub track_record: i32,
    /// Down to −15: −3 per active pairing beyond two.
    pub load: i32,
}

impl MatchParts {
    pub fn total(&self) -> i32 {
        self.type_fit + self.region + self.east_west + self.capacity + self.track_record + self.load
    }
}

/// A one-line reason in both languages of the product.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub zh: String,
    pub en: String,
}

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct Match {
    pub organization_id: String,
    pub organization_name: String,
    /// 0–95: the sum of `parts`.
    pub score: i32,
    pub parts: MatchParts,
    pub reason: Reason,
    /// The need, when ranking needs for an organization.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_title: Option<String>,
}

/// What a need contributes to matching.
pub struct NeedFeatures {
    pub type_bit: u8,
    pub assistance_type: AssistanceType,
    pub province: Option<u8>,
    pub region: Region,
    pub budget_fen: i64,
}

impl NeedFeatures {
    pub fn of(index: &Index, need: &NeedRow) -> Self {
        let province_code = crate::domain::codes::province_of(&need.county_code);
        let province = index.province_index(&province_code);
        Self {
            type_bit: type_bit(need.assistance_type()),
            assistance_type: need.assistance_type(),
            region: province.map(|p| index.regions[p as usize]).unwrap_or(Region::West),
            province,
            budget_fen: need.budget_estimate_fen,
        }
    }
}

pub fn score(index: &Index, c: &Candidate, need: &NeedFeatures) -> MatchParts {
    let type_fit = if c.types & need.type_bit != 0 { 40 } else { 0 };
    let region = match need.province {
        Some(p) if c.preferred_provinces & (1 << p) != 0 => 20,
        _ if c.preferred_regions & region_bit(need.region) != 0 => 12,
        Some(p) if c.province == p => 8,
        _ => 0,
    };
    let east_west = match need.province {
        Some(p) if index.assists[c.province as usize] & (1 << p) != 0 => 15,
        _ => 0,
    };
    let capacity = if need.budget_fen <= 0 {
        if c.capacity_fen > 0 { 10 } else { 0 }
    } else {
        // Widened: ten times an amount need not fit in an i64.
        (i128::from(c.capacity_fen.min(need.budget_fen)) * 10 / i128::from(need.budget_fen)) as i32
    };
    let track_record = (2 * c.track_record).min(10) as i32;
    let load = -((3 * (c.load - 2).max(0)).min(15) as i32);
    MatchParts { type_fit, region, east_west, capacity, track_record, load }
}

pub fn reason(index: &Index, c: &Candidate, need: &NeedFeatures, p: &MatchParts) -> Reason {
    let mut zh = vec![];
    let mut en = vec![];
    let t = need.assistance_type;
    if p.type_fit > 0 {
        zh.push(format!("业务专长或资源覆盖{}", t.zh()));
        en.push(format!("offers {}", t.as_str()));
    } else {
        zh.push(format!("未登记{}专长", t.zh()));
        en.push(format!("no {} specialty", t.as_str()));
    }
    let need_province = need.province.map(|i| index.province_names[i as usize].clone()).unwrap_or_default();
    let own = index.province_names[c.province as usize].clone();
    match p.region {
        20 => {
            zh.push(format!("意向帮扶{need_province}"));
            en.push(format!("prefers {}", index.provinces[need.province.unwrap_or(0) as usize]));
        }
        12 => {
            zh.push("意向帮扶该地区".into());
            en.push(format!("prefers the {} region", need.region.as_str()));
        }
        8 => {
            zh.push("本省登记的组织".into());
            en.push("registered in the same province".into());
        }
        _ => {}
    }
    if p.east_west > 0 {
        zh.push(format!("{own}与{need_province}为东西部协作结对省份"));
        en.push("east–west cooperation partner province".into());
    }
    if p.capacity >= 10 {
        zh.push("资源能力可覆盖预算".into());
        en.push("capacity covers the budget".into());
    } else if p.capacity > 0 {
        zh.push(format!("资源能力约为预算的{}0%", p.capacity));
        en.push(format!("capacity about {}0% of the budget", p.capacity));
    }
    if c.track_record > 0 {
        zh.push(format!("已有{}个结对经验", c.track_record));
        en.push(format!("{} pairings of experience", c.track_record));
    }
    if p.load < 0 {
        zh.push(format!("当前已有{}个进行中结对", c.load));
        en.push(format!("already in {} active pairings", c.load));
    }
    Reason { zh: zh.join("；"), en: en.join("; ") }
}

/// The `limit` best organizations for a need among those `shown` lets through: highest score
/// first, ties by organization id, so the same data always gives the same ranking.
pub fn rank_for_need(
    index: &Index,
    need: &NeedFeatures,
    limit: usize,
    shown: impl Fn(&Candidate) -> bool,
) -> Vec<Match> {
    let mut scored: Vec<(i32, usize)> = index
        .candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| shown(c))
        .map(|(i, c)| (score(index, c, need).total(), i))
        .collect();
    let cmp = |a: &(i32, usize), b: &(i32, usize)| {
        b.0.cmp(&a.0).then_with(|| index.candidates[a.1].id.cmp(&index.candidates[b.1].id))
    };
    let k = limit.min(scored.len());
    if k == 0 {
        return vec![];
    }
    // Partial selection keeps ranking linear in the number of organizations.
    scored.select_nth_unstable_by(k - 1, cmp);
    scored.truncate(k);
    scored.sort_by(cmp);
    scored.into_iter().map(|(_, i)| explain(index, &index.candidates[i], need, None)).collect()
}

/// The scored, explained match of one organization and one need.
pub fn explain(index: &Index, c: &Candidate, need: &NeedFeatures, need_id: Option<String>) -> Match {
    let parts = score(index, c, need);
    Match {
        organization_id: c.id.clone(),
        organization_name: c.name.clone(),
        score: parts.total(),
        reason: reason(index, c, need, &parts),
        parts,
        need_id,
        need_title: None,
    }
}
