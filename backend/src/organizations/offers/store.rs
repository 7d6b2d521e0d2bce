//! Offers' checks and queries.

use super::model::{CreateOffer, OfferRow};
use crate::db::DbConn;
use crate::db::schema::offers;
use crate::domain::ProvinceCode;
use crate::error::{ApiError, ApiResult, Invalid};
use crate::http::{self};
use crate::tr;
use diesel::prelude::*;

pub fn validate(o: &CreateOffer) -> ApiResult<()> {
    let mut errors = vec![];
    if !crate::bounds::TITLE.accepts(&o.title) {
        errors.push(Invalid::new("title", tr!("标题应为 1–200 个字符", "1–200 characters")));
    }
    if o.assistance_types.is_empty() {
        errors
            .push(Invalid::new("assistance_types", tr!("至少选择一种帮扶类型", "choose at least one assistance type")));
    }
    for (i, p) in o.preferred_province_codes.iter().enumerate() {
        if let Err(m) = ProvinceCode::parse(p) {
            errors.push(Invalid::new(format!("preferred_province_codes[{i}]"), m));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

pub fn offer_etag(o: &OfferRow) -> String {
    http::etag("offer", &o.id, o.version)
}

pub fn load(conn: &mut DbConn, id: &str) -> ApiResult<OfferRow> {
    offers::table.find(id).select(OfferRow::as_select()).first(conn).optional()?.ok_or(ApiError::NotFound)
}

/// An organization's offers, newest first.
pub fn of_organization(conn: &mut DbConn, organization_id: &str) -> ApiResult<Vec<OfferRow>> {
    Ok(offers::table
        .filter(offers::organization_id.eq(organization_id))
        .select(OfferRow::as_select())
        .order(offers::id.desc())
        .load(conn)?)
}

pub fn insert(conn: &mut DbConn, row: &OfferRow) -> ApiResult<()> {
    diesel::insert_into(offers::table).values(row).execute(conn)?;
    Ok(())
}

/// Writes a changed offer if nobody changed it since `expected_version` (else 412).
pub fn update(conn: &mut DbConn, after: &OfferRow, expected_version: i64) -> ApiResult<()> {
    let n = diesel::update(offers::table.find(&after.id).filter(offers::version.eq(expected_version)))
        .set((
            offers::title.eq(&after.title),
            offers::assistance_types.eq(&after.assistance_types),
            offers::preferred_province_codes.eq(&after.preferred_province_codes),
            offers::preferred_regions.eq(&after.preferred_regions),
            offers::capacity_fen.eq(after.capacity_fen),
            offers::description.eq(&after.description),
            offers::active.eq(after.active),
            offers::version.eq(after.version),
            offers::updated_at.eq(after.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}
