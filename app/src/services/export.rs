//! CSV downloads: check who asks and for what, then stream the rows from a background
//! task through a small bounded channel (the memory an export needs does not grow with
//! its size, and a client that goes away stops the query).

use super::org::agency_for;
use super::{db_err, internal};
use crate::db::export::{self as q, ItemFilter};
use crate::db::Db;
use crate::domain::calendar::{end_of_day_berlin, parse_date, today_berlin};
use crate::domain::csv_format::CsvWriter;
use crate::domain::export::{
    audit_row, config_row, eakte_item_row, file_name, item_row, setting_item_row, AUDIT_COLUMNS,
    CONFIG_COLUMNS, EAKTE_ITEM_COLUMNS, ITEM_COLUMNS, SETTING_ITEM_COLUMNS,
};
use crate::domain::master_data::{master_data_row, MASTER_DATA_COLUMNS};
use crate::domain::order::StatusFilter;
use crate::domain::org::OrgLocation;
use crate::domain::policy::{Action, Actor, ScopeFilter};
use crate::error::AppError;
use crate::services::context::Ctx;
use futures_util::future::BoxFuture;
use futures_util::Stream;
use std::borrow::Cow;
use std::pin::Pin;
use time::OffsetDateTime;
use tokio::sync::mpsc;

/// Rows per chunk handed to the connection (a few dozen kilobytes).
const ROWS_PER_CHUNK: u32 = 256;
/// Chunks waiting for a slow client before the query pauses.
const CHUNKS_IN_FLIGHT: usize = 4;

pub type ByteStream = Pin<Box<dyn Stream<Item = Result<Vec<u8>, std::io::Error>> + Send>>;

/// A download: its file name and its bytes as they are produced.
pub struct Download {
    pub file_name: String,
    pub body: ByteStream,
}

/// Filters of the order-item export as they arrive from the form or the API.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct ItemQuery {
    pub rd: Option<String>,
    pub agentur: Option<String>,
    /// A state or queue code, "alle", or nothing (= zur-umsetzung: what RIM has to
    /// implement, approved or submitted without RD review).
    pub status: Option<String>,
    pub weisung: Option<String>,
    pub von: Option<String>,
    pub bis: Option<String>,
}

/// Filters of the configuration export.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct ScopeQuery {
    pub rd: Option<String>,
    pub agentur: Option<String>,
}

/// Filters of the audit-log export: days TT.MM.JJJJ (Europe/Berlin), both inclusive.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct PeriodQuery {
    pub von: Option<String>,
    pub bis: Option<String>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn date_param(value: &Option<String>, field: &str) -> Result<Option<time::Date>, AppError> {
    match given(value) {
        None => Ok(None),
        Some(s) => parse_date(s).map(Some).ok_or_else(|| {
            AppError::Validation(vec![crate::domain::fields::FieldError::new(
                field,
                "Bitte geben Sie das Datum im Format TT.MM.JJJJ an.",
            )])
        }),
    }
}

/// The part of the actor's scope for `action` that the `rd` / `agentur` filter names.
pub(crate) async fn narrowed_scope(
    ctx: &Ctx,
    actor: &Actor,
    action: Action,
    rd: Option<&str>,
    agentur: Option<&str>,
) -> Result<ScopeFilter, AppError> {
    let scope = ScopeFilter::for_action(actor, action);
    if scope.is_empty() {
        ctx.require(actor, action, OrgLocation::Central, "export")
            .await?;
    }
    if let Some(code) = agentur {
        let a = agency_for(ctx, actor, code, action).await?;
        return Ok(ScopeFilter::agency(a.region_id, a.id));
    }
    if let Some(code) = rd {
        let db = ctx.db().clone();
        let (region_id, ..) = crate::db::org::region_by_code(&db, code)
            .await
            .map_err(db_err)?
            .ok_or(AppError::NotFound)?;
        let location = OrgLocation::Region { region_id };
        ctx.require(actor, action, location, &format!("rd:{code}"))
            .await?;
        return Ok(scope.within_region(region_id));
    }
    Ok(scope)
}

type Chunks = mpsc::Sender<Result<Vec<u8>, std::io::Error>>;

/// The CSV cells of one record, borrowed from it where they can be.
type RowFormat<R, const N: usize> = for<'r> fn(&'r R) -> [Cow<'r, str>; N];

/// Formats records as CSV rows and hands them to the channel in chunks.
struct Sink<R, const N: usize> {
    writer: CsvWriter,
    rows: u32,
    tx: Chunks,
    format: RowFormat<R, N>,
}

impl<R: Send, const N: usize> q::RowSink<R> for Sink<R, N> {
    /// False once the client has gone away.
    async fn accept(&mut self, record: R) -> bool {
        self.writer.row((self.format)(&record));
        self.rows += 1;
        if self.rows.is_multiple_of(ROWS_PER_CHUNK) {
            return self.tx.send(Ok(self.writer.take())).await.is_ok();
        }
        true
    }
}

impl<R, const N: usize> Sink<R, N> {
    fn new(header: &[&str; N], format: RowFormat<R, N>, tx: Chunks) -> Self {
        let mut writer = CsvWriter::new();
        writer.row(header);
        Sink {
            writer,
            rows: 0,
            tx,
            format,
        }
    }

    async fn finish(mut self, result: sqlx::Result<()>) {
        let last = match result {
            Ok(()) => Ok(self.writer.take()),
            // Breaking the connection tells the client the file is incomplete.
            Err(e) => {
                let _ = internal(format!("CSV-Export abgebrochen: {e}"));
                Err(std::io::Error::other("export failed"))
            }
        };
        let _ = self.tx.send(last).await;
    }
}

fn channel() -> (Chunks, ByteStream) {
    let (tx, rx) = mpsc::channel(CHUNKS_IN_FLIGHT);
    // Answers `None` again if polled after the end, as a compressing body does.
    let mut rx = rx;
    let body = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    (tx, Box::pin(body))
}

async fn audit_export(
    ctx: &Ctx,
    actor: &Actor,
    what: &str,
    detail: String,
) -> Result<(), AppError> {
    let entry = ctx.audit_entry(actor, "export", &format!("csv:{what}"), detail);
    let db = ctx.db().clone();
    crate::db::audit::append(&db, &entry).await.map_err(db_err)
}

fn today_file(stem: &str) -> String {
    file_name(stem, today_berlin(OffsetDateTime::now_utc()))
}

/// The scope and filters of an item export (default: ready to implement).
async fn item_selection(
    ctx: &Ctx,
    actor: &Actor,
    query: &ItemQuery,
) -> Result<(ScopeFilter, ItemFilter), AppError> {
    let scope = narrowed_scope(
        ctx,
        actor,
        Action::ExportOrders,
        given(&query.rd),
        given(&query.agentur),
    )
    .await?;
    let status = match given(&query.status) {
        None => Some(StatusFilter::ReadyToImplement),
        Some("alle") => None,
        Some(code) => Some(StatusFilter::from_code(code).ok_or(AppError::BadRequest)?),
    };
    let filter = ItemFilter {
        status,
        directive: given(&query.weisung).map(str::to_string),
        from: date_param(&query.von, "von")?,
        until: date_param(&query.bis, "bis")?,
    };
    Ok((scope, filter))
}

/// How one kind's items are read: the query that feeds a sink.
type FetchItems<R, const N: usize> = for<'a> fn(
    &'a Db,
    &'a ScopeFilter,
    &'a ItemFilter,
    &'a mut Sink<R, N>,
) -> BoxFuture<'a, sqlx::Result<()>>;

/// One kind's item export: its file stem (also the audit object), columns, cells, query.
struct ItemExport<R, const N: usize> {
    stem: &'static str,
    header: &'static [&'static str; N],
    format: RowFormat<R, N>,
    fetch: FetchItems<R, N>,
}

/// Every export ends here: the rows `fetch` hands its sink, under `header`, streamed as
/// CSV from a background task.
fn stream_csv<R, const N: usize, F>(
    file_name: String,
    header: &'static [&'static str; N],
    format: RowFormat<R, N>,
    fetch: F,
) -> Download
where
    R: Send + 'static,
    F: for<'s> FnOnce(&'s mut Sink<R, N>) -> BoxFuture<'s, sqlx::Result<()>> + Send + 'static,
{
    let (tx, body) = channel();
    tokio::spawn(async move {
        let mut sink = Sink::new(header, format, tx);
        let result = fetch(&mut sink).await;
        sink.finish(result).await;
    });
    Download { file_name, body }
}

/// Every kind's items the same way: scope and filters, audit, then stream.
async fn export_items<R: Send + 'static, const N: usize>(
    ctx: &Ctx,
    query: &ItemQuery,
    export: ItemExport<R, N>,
) -> Result<Download, AppError> {
    let actor = ctx.actor()?;
    let (scope, filter) = item_selection(ctx, &actor, query).await?;
    audit_export(ctx, &actor, export.stem, format!("{query:?}")).await?;
    let db = ctx.db().clone();
    let fetch = export.fetch;
    Ok(stream_csv(
        today_file(export.stem),
        export.header,
        export.format,
        move |sink| Box::pin(async move { fetch(&db, &scope, &filter, sink).await }),
    ))
}

/// Routing items to implement (default: ready to implement), in the actor's scope and
/// the filters.
pub async fn order_items(ctx: &Ctx, query: &ItemQuery) -> Result<Download, AppError> {
    let export = ItemExport {
        stem: "auftragspositionen",
        header: &ITEM_COLUMNS,
        format: item_row,
        fetch: |db, scope, filter, sink| Box::pin(q::items(db, scope, filter, sink)),
    };
    export_items(ctx, query, export).await
}

/// Items of the kind "E-Mail-Kommunikation", with the same filters as the routing items.
pub async fn setting_items(ctx: &Ctx, query: &ItemQuery) -> Result<Download, AppError> {
    let export = ItemExport {
        stem: "postfacheinstellungen",
        header: &SETTING_ITEM_COLUMNS,
        format: setting_item_row,
        fetch: |db, scope, filter, sink| Box::pin(q::setting_items(db, scope, filter, sink)),
    };
    export_items(ctx, query, export).await
}

/// Items of the kind "eAkte-Regelwerk", with the same filters as the routing items.
pub async fn eakte_items(ctx: &Ctx, query: &ItemQuery) -> Result<Download, AppError> {
    let export = ItemExport {
        stem: "eakte-regeln",
        header: &EAKTE_ITEM_COLUMNS,
        format: eakte_item_row,
        fetch: |db, scope, filter, sink| Box::pin(q::eakte_items(db, scope, filter, sink)),
    };
    export_items(ctx, query, export).await
}

/// How a scoped export is read: the query that feeds a sink.
type FetchScoped<R, const N: usize> =
    for<'a> fn(&'a Db, &'a ScopeFilter, &'a mut Sink<R, N>) -> BoxFuture<'a, sqlx::Result<()>>;

/// An export of one agency, one RD or everything the user may see in the organisation:
/// named after `stem` and the choice, audited (object `csv:STEM`), streamed.
async fn scoped_export<R: Send + 'static, const N: usize>(
    ctx: &Ctx,
    query: &ScopeQuery,
    (stem, header, format): (&str, &'static [&'static str; N], RowFormat<R, N>),
    fetch: FetchScoped<R, N>,
) -> Result<Download, AppError> {
    let actor = ctx.actor()?;
    let scope = narrowed_scope(
        ctx,
        &actor,
        Action::ViewOrganisation,
        given(&query.rd),
        given(&query.agentur),
    )
    .await?;
    let file = match (given(&query.agentur), given(&query.rd)) {
        (Some(a), _) => format!("{stem}-{a}"),
        (None, Some(r)) => format!("{stem}-rd-{r}"),
        (None, None) => stem.to_string(),
    };
    audit_export(ctx, &actor, stem, format!("{query:?}")).await?;
    let db = ctx.db().clone();
    Ok(stream_csv(today_file(&file), header, format, move |sink| {
        Box::pin(async move { fetch(&db, &scope, sink).await })
    }))
}

/// The live configuration of one agency, one RD, or everything in scope.
pub async fn configuration(ctx: &Ctx, query: &ScopeQuery) -> Result<Download, AppError> {
    let columns = (
        "konfiguration",
        &CONFIG_COLUMNS,
        config_row as RowFormat<_, 12>,
    );
    scoped_export(ctx, query, columns, |db, scope, sink| {
        Box::pin(q::live_configuration(db, scope, sink))
    })
    .await
}

/// The organisation's master data (RD, agency, Dienststelle, mailbox) of one agency, one
/// RD, or everything in scope.
pub async fn master_data(ctx: &Ctx, query: &ScopeQuery) -> Result<Download, AppError> {
    let columns = (
        "stammdaten",
        &MASTER_DATA_COLUMNS,
        master_data_row as RowFormat<_, 12>,
    );
    scoped_export(ctx, query, columns, |db, scope, sink| {
        Box::pin(q::master_data(db, scope, sink))
    })
    .await
}

/// The audit log (Zentrale only), optionally for a period of days.
pub async fn audit_log(ctx: &Ctx, query: &PeriodQuery) -> Result<Download, AppError> {
    let actor = ctx.actor()?;
    ctx.require(
        &actor,
        Action::ViewAuditLog,
        OrgLocation::Central,
        "protokoll",
    )
    .await?;
    // From the start of the first day to the end of the last, in Berlin.
    let from = date_param(&query.von, "von")?
        .and_then(|d| d.previous_day())
        .map(end_of_day_berlin);
    let before = date_param(&query.bis, "bis")?.map(end_of_day_berlin);
    audit_export(ctx, &actor, "protokoll", format!("{query:?}")).await?;
    let db = ctx.db().clone();
    Ok(stream_csv(
        today_file("protokoll"),
        &AUDIT_COLUMNS,
        audit_row,
        move |sink| Box::pin(async move { q::audit(&db, from, before, sink).await }),
    ))
}
