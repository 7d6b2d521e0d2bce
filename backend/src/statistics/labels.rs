//! The Chinese names of grouping-key values, for the exports' cells (the SPA names them from
//! its i18n files; a spreadsheet has no SPA). The same words as `frontend/src/i18n/zh-CN.ts`.

use crate::domain::AssistanceType;
use crate::domain::brand::BrandLine;
use crate::domain::project::ProjectStatus;

/// The name of `value` of grouping key `key` in `fact`, or the value itself.
pub fn zh(fact: super::tables::Fact, key: &str, value: &str) -> String {
    use super::tables::Fact;
    let named = match (fact, key) {
        (_, "assistance_type") => value.parse::<AssistanceType>().ok().map(|t| t.zh()),
        (Fact::Projects, "status") => value.parse::<ProjectStatus>().ok().map(|s| s.zh()),
        (_, "line") => value.parse::<BrandLine>().ok().map(|l| l.zh()),
        (_, "key_county" | "government_purchase") => Some(if value == "true" { "是" } else { "否" }),
        (Fact::Pairings | Fact::Cultivation, "status") => pick(
            value,
            &[
                ("proposed", "已申请"),
                ("recommended", "已推荐"),
                ("accepted", "组织已接受"),
                ("confirmed", "县级已确认"),
                ("active", "帮扶中"),
                ("concluded", "已完成"),
                ("terminated", "已终止"),
                ("declined", "组织已拒绝"),
            ],
        ),
        (_, "channel") => pick(
            value,
            &[
                ("national_org", "全国性社会组织"),
                ("east_org", "东部社会组织"),
                ("west_local_org", "西部本地社会组织"),
                ("east_west_cooperation", "东西部协作"),
            ],
        ),
        (_, "registration_level") => {
            pick(value, &[("national", "全国性"), ("provincial", "省级"), ("prefecture", "地市级"), ("county", "县级")])
        }
        (_, "legal_form") => {
            pick(value, &[("social_group", "社会团体"), ("social_service_agency", "社会服务机构"), ("foundation", "基金会")])
        }
        (_, "category") => pick(
            value,
            &[("industry_association", "行业协会商会"), ("charity", "公益慈善类"), ("community", "社区社会组织"), ("other", "其他")],
        ),
        (Fact::Organizations, "status") => pick(value, &[("active", "正常"), ("suspended", "暂停"), ("revoked", "撤销")]),
        (Fact::Needs, "status") => pick(value, &[("open", "待对接"), ("matched", "已对接"), ("closed", "已关闭")]),
        (_, "priority") => pick(value, &[("high", "高"), ("medium", "中"), ("low", "低")]),
        (Fact::Brands, "status") => pick(
            value,
            &[
                ("draft", "草稿"),
                ("applied", "已申报"),
                ("recommended", "省级已推荐"),
                ("recognized", "已认定"),
                ("demonstration", "示范品牌"),
                ("returned", "已退回"),
                ("revoked", "已撤销"),
            ],
        ),
        _ => None,
    };
    named.map(str::to_owned).unwrap_or_else(|| value.to_owned())
}

fn pick(value: &str, names: &[(&str, &'static str)]) -> Option<&'static str> {
    names.iter().find(|(v, _)| *v == value).map(|(_, n)| *n)
}
