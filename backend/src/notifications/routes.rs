use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Timestamp};

use super::model::{MarkRead, Notification, NotificationPage, NotificationQuery, NotificationRow, UnreadCount};
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::notifications;
use crate::db::sql::{Bind, Dynamic};
use crate::error::{ApiError, ApiResult, CreateErrors, ListErrors};
use crate::extractors::Json;
use crate::http;
use crate::state::AppState;
use crate::tr;

const MAX_IDS: usize = 200;

/// The state of a person's notifications in one indexed pass: the unread count, and what makes
/// the list's ETag move with every notice written, refreshed, read or settled (each sets
/// `changed_at`).
#[derive(QueryableByName, Debug)]
struct Summary {
    #[diesel(sql_type = BigInt)]
    unread: i64,
    #[diesel(sql_type = BigInt)]
    total: i64,
    #[diesel(sql_type = Nullable<Timestamp>)]
    changed: Option<chrono::NaiveDateTime>,
}

fn summary(conn: &mut DbConn, user: &str) -> ApiResult<Summary> {
    let mut q = Dynamic::new(conn);
    q.push(
        "SELECT CAST(COALESCE(SUM(CASE WHEN read_at IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS unread, \
         CAST(COUNT(*) AS BIGINT) AS total, MAX(changed_at) AS changed FROM notifications WHERE user_id = ",
    )
    .bind(Bind::Text(user.into()));
    Ok(q.load::<Summary>(conn)?.pop().unwrap_or(Summary { unread: 0, total: 0, changed: None }))
}

/// My notifications
///
/// What waits for the caller, newest first, with the unread count (the bell). Poll it with
/// `If-None-Match` and the last `ETag`: 304 while nothing changed, so polling costs one small
/// query. A notice is settled (marked read) by itself when what it asked for is done.
#[utoipa::path(
    get, path = "/api/v1/me/notifications", tag = "notifications", operation_id = "listMyNotifications",
    params(NotificationQuery, ("If-None-Match" = Option<String>, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "A page of notifications, newest first", body = NotificationPage, headers(("ETag" = String))),
        (status = 304, description = "Nothing changed since the ETag given"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_my_notifications(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    query: crate::extractors::Query<NotificationQuery>,
) -> ApiResult<HttpResponse> {
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?
        .map(|c| c.parse::<i64>().map_err(|_| ApiError::field("cursor", tr!("不是本接口返回的游标", "not a cursor this API returned"))))
        .transpose()?;
    let query = query.into_inner();
    let user = caller.actor_id.clone();
    let seen = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let answer = state
        .db(move |conn| {
            let s = summary(conn, &user)?;
            // the page asked for and the state it shows: any change of either is another ETag
            let shape = format!("{user}/{:?}/{limit}/{after:?}/{}/{}/{:?}", query.unread, s.unread, s.total, s.changed);
            let etag = http::etag("notifications", &shape, 0);
            if seen.as_deref().is_some_and(|v| v.split(',').any(|t| t.trim() == etag)) {
                return Ok((etag, None));
            }
            let mut q = notifications::table.filter(notifications::user_id.eq(&user)).into_boxed();
            match query.unread {
                Some(true) => q = q.filter(notifications::read_at.is_null()),
                Some(false) => q = q.filter(notifications::read_at.is_not_null()),
                None => {}
            }
            if let Some(after) = after {
                q = q.filter(notifications::id.lt(after));
            }
            let rows: Vec<NotificationRow> =
                q.order(notifications::id.desc()).limit(limit + 1).select(NotificationRow::as_select()).load(conn)?;
            let (rows, next_cursor) = http::page(rows, limit, |n| n.id.to_string());
            let items = rows.into_iter().map(Notification::from).collect();
            Ok((etag, Some(NotificationPage { items, next_cursor, unread: s.unread })))
        })
        .await?;
    let (etag, page) = answer;
    let mut res = match page {
        Some(_) => HttpResponse::Ok(),
        None => HttpResponse::NotModified(),
    };
    res.insert_header((header::ETAG, etag)).insert_header((header::CACHE_CONTROL, "private, no-cache"));
    Ok(match page {
        Some(page) => res.json(page),
        None => res.finish(),
    })
}

/// Mark notifications read
///
/// The listed ones (up to 200 of the caller's; others' ids are ignored), or all with
/// `{"all": true}`. Answers the unread count left.
#[utoipa::path(
    post, path = "/api/v1/me/notifications/read", tag = "notifications", operation_id = "markNotificationsRead",
    request_body = MarkRead,
    responses(
        (status = 200, description = "The unread count after marking", body = UnreadCount),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn mark_notifications_read(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<MarkRead>,
) -> ApiResult<web::Json<UnreadCount>> {
    let body = body.into_inner();
    if body.ids.len() > MAX_IDS {
        return Err(ApiError::field("ids", tr!("一次最多 {MAX_IDS} 条", "at most {MAX_IDS} at a time")));
    }
    // one's own reading changes no figure: no cache to drop after it (`state.tx` would)
    let unread = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let mine = notifications::table
                    .filter(notifications::user_id.eq(&caller.actor_id))
                    .filter(notifications::read_at.is_null());
                let read = (notifications::read_at.eq(caller.now), notifications::changed_at.eq(caller.now));
                if body.all {
                    diesel::update(mine).set(read).execute(conn)?;
                } else if !body.ids.is_empty() {
                    diesel::update(mine.filter(notifications::id.eq_any(&body.ids))).set(read).execute(conn)?;
                }
                Ok::<_, ApiError>(summary(conn, &caller.actor_id)?.unread)
            })
        })
        .await?;
    Ok(web::Json(UnreadCount { unread }))
}
