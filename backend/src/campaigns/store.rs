//! The campaigns' queries.

use super::model::CampaignRow;
use crate::db::DbConn;
use crate::db::schema::campaigns;
use crate::error::{ApiError, ApiResult};
use diesel::prelude::*;

pub fn load(conn: &mut DbConn, id: &str) -> ApiResult<CampaignRow> {
    campaigns::table.find(id).select(CampaignRow::as_select()).first(conn).optional()?.ok_or(ApiError::NotFound)
}
