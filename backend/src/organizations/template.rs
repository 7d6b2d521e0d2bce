//! The spreadsheet template coordinators keep organizations in (Chinese column headers), read by
//! the import and written by the export, so an export re-imports cleanly.

use std::collections::HashMap;

use super::model::{CreateOrganization, Organization};
use crate::domain::{AssistanceType, LegalForm, OrgCategory, RecommendedBy, RegistrationLevel};
use crate::i18n::Text;
use crate::sheets::Cell;
use crate::tr;

pub const HEADERS: [&str; 9] = [
    "名称",
    "统一社会信用代码",
    "登记管理机关所在省",
    "社会组织类型",
    "登记级别",
    "类别",
    "业务专长",
    "是否建立党组织",
    "推荐单位",
];

pub fn legal_form_label(f: LegalForm) -> &'static str {
    match f {
        LegalForm::SocialGroup => "社会团体",
        LegalForm::SocialServiceAgency => "社会服务机构",
        LegalForm::Foundation => "基金会",
    }
}

fn level_label(l: RegistrationLevel) -> &'static str {
    match l {
        RegistrationLevel::National => "全国性",
        RegistrationLevel::Provincial => "省级",
        RegistrationLevel::Prefecture => "地市级",
        RegistrationLevel::County => "县级",
    }
}

fn category_label(c: OrgCategory) -> &'static str {
    match c {
        OrgCategory::IndustryAssociation => "行业协会商会",
        OrgCategory::Charity => "公益慈善类",
        OrgCategory::Community => "社区社会组织",
        OrgCategory::Other => "其他",
    }
}

fn recommended_label(r: Option<RecommendedBy>) -> &'static str {
    match r {
        Some(RecommendedBy::RuralRevitalizationBureau) => "国家乡村振兴局",
        Some(RecommendedBy::CivilAffairs) => "民政部",
        None => "无",
    }
}

fn short_type(t: AssistanceType) -> &'static str {
    match t {
        AssistanceType::Industry => "产业",
        AssistanceType::Employment => "就业",
        AssistanceType::Education => "教育",
        AssistanceType::Health => "健康",
        AssistanceType::ElderlyCare => "养老",
        AssistanceType::Consumption => "消费",
        AssistanceType::Other => "多样化",
    }
}

/// One organization as a template row: every cell is text.
pub fn to_row(o: &Organization, province_names: &HashMap<String, String>) -> [Cell; 9] {
    [
        o.name.clone(),
        o.credit_code.clone(),
        province_names.get(&o.province_code).cloned().unwrap_or_else(|| o.province_code.clone()),
        legal_form_label(o.legal_form).into(),
        level_label(o.registration_level).into(),
        category_label(o.category).into(),
        o.specialties.iter().map(|t| short_type(*t)).collect::<Vec<_>>().join("、"),
        if o.party_org { "是" } else { "否" }.into(),
        recommended_label(o.recommended_by).into(),
    ]
    .map(Cell::Text)
}

/// A cell that could not be read: (column header, message).
pub type CellError = (&'static str, Text);

fn pick<T: Copy>(value: &str, options: &[(T, &[&str])]) -> Option<T> {
    let v = value.trim();
    options.iter().find(|(_, names)| names.contains(&v)).map(|(t, _)| *t)
}

/// Reads one row (cells by header) into a profile, or names every unreadable cell.
pub fn parse_row(
    cells: &HashMap<&str, String>,
    provinces: &HashMap<String, String>,
) -> Result<CreateOrganization, Vec<CellError>> {
    let get = |h: &str| cells.get(h).map(|s| s.trim().to_owned()).unwrap_or_default();
    let mut errors: Vec<CellError> = vec![];
    let need = |h: &'static str, ok: bool, msg: Text, errors: &mut Vec<CellError>| {
        if !ok {
            errors.push((h, msg));
        }
    };
    let name = get("名称");
    need("名称", !name.is_empty(), tr!("名称不能为空", "the name is empty"), &mut errors);
    let province_raw = get("登记管理机关所在省");
    let province = provinces.get(&province_raw).cloned();
    need(
        "登记管理机关所在省",
        province.is_some(),
        tr!("无法识别的省份“{province_raw}”", "unknown province {province_raw:?}"),
        &mut errors,
    );
    let form_raw = get("社会组织类型");
    let form = pick(
        &form_raw,
        &[
            (LegalForm::SocialGroup, &["社会团体", "social_group"]),
            (LegalForm::SocialServiceAgency, &["社会服务机构", "民办非企业单位", "social_service_agency"]),
            (LegalForm::Foundation, &["基金会", "foundation"]),
        ],
    );
    need(
        "社会组织类型",
        form.is_some(),
        tr!("应为社会团体、社会服务机构或基金会", "use 社会团体, 社会服务机构 or 基金会"),
        &mut errors,
    );
    let level = pick(
        &get("登记级别"),
        &[
            (RegistrationLevel::National, &["全国性", "全国", "national"]),
            (RegistrationLevel::Provincial, &["省级", "provincial"]),
            (RegistrationLevel::Prefecture, &["地市级", "市级", "prefecture"]),
            (RegistrationLevel::County, &["县级", "county"]),
        ],
    );
    need(
        "登记级别",
        level.is_some(),
        tr!("应为全国性、省级、地市级或县级", "use 全国性, 省级, 地市级 or 县级"),
        &mut errors,
    );
    let category = pick(
        &get("类别"),
        &[
            (OrgCategory::IndustryAssociation, &["行业协会商会", "industry_association"]),
            (OrgCategory::Charity, &["公益慈善类", "charity"]),
            (OrgCategory::Community, &["社区社会组织", "community"]),
            (OrgCategory::Other, &["其他", "", "other"]),
        ],
    );
    need(
        "类别",
        category.is_some(),
        tr!("应为行业协会商会、公益慈善类、社区社会组织或其他", "use 行业协会商会, 公益慈善类, 社区社会组织 or 其他"),
        &mut errors,
    );
    let mut specialties = vec![];
    for part in get("业务专长").split(['、', ',', '，', ';', '；', ' ']).map(str::trim).filter(|p| !p.is_empty())
    {
        let found = AssistanceType::ALL.iter().find(|t| {
            part == short_type(**t)
                || part == t.zh()
                || part == t.as_str()
                || part == format!("{}帮扶", short_type(**t))
        });
        match found {
            Some(t) if !specialties.contains(t) => specialties.push(*t),
            Some(_) => {}
            None => errors.push(("业务专长", tr!("无法识别的业务专长“{part}”", "unknown specialty {part:?}"))),
        }
    }
    let party = get("是否建立党组织");
    let party_org = match party.as_str() {
        "是" | "1" | "true" | "yes" => Some(true),
        "否" | "0" | "false" | "no" | "" => Some(false),
        _ => None,
    };
    need("是否建立党组织", party_org.is_some(), tr!("应为是或否", "use 是 or 否"), &mut errors);
    let rec = get("推荐单位");
    let recommended_by = match rec.as_str() {
        "" | "无" | "none" => Some(None),
        "国家乡村振兴局" | "乡村振兴局" | "rural_revitalization_bureau" => {
            Some(Some(RecommendedBy::RuralRevitalizationBureau))
        }
        "民政部" | "civil_affairs" => Some(Some(RecommendedBy::CivilAffairs)),
        _ => None,
    };
    need(
        "推荐单位",
        recommended_by.is_some(),
        tr!("应为国家乡村振兴局、民政部或无", "use 国家乡村振兴局, 民政部 or 无"),
        &mut errors,
    );
    match (province, form, level, category, party_org, recommended_by) {
        (
            Some(province_code),
            Some(legal_form),
            Some(registration_level),
            Some(category),
            Some(party_org),
            Some(recommended_by),
        ) if errors.is_empty() => Ok(CreateOrganization {
            name,
            credit_code: get("统一社会信用代码"),
            legal_form,
            registration_level,
            province_code,
            category,
            specialties,
            party_org,
            recommended_by,
        }),
        _ => Err(errors),
    }
}

/// The column of the template a validation field belongs to.
pub fn column_of(field: &str) -> &'static str {
    match field {
        "name" => "名称",
        "credit_code" => "统一社会信用代码",
        "province_code" => "登记管理机关所在省",
        "legal_form" => "社会组织类型",
        "registration_level" => "登记级别",
        "category" => "类别",
        "specialties" => "业务专长",
        "party_org" => "是否建立党组织",
        _ => "推荐单位",
    }
}
