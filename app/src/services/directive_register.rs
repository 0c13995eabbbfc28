//! Maintaining the directive register (Zentrale only): create and change directives with
//! deadline, target rule, Anliegen limit and where they apply; every change audited and
//! checked against the revision the user saw.

use super::db_err;
use crate::db::directives::{self as q, StoredDirective};
use crate::db::Db;
use crate::directives::register::DirectiveForm;
use crate::domain::calendar::format_date;
use crate::domain::directive::{Condition, Deadline};
use crate::domain::directive_form::{validate, DirectiveInput, ValidDirective, LEGAL_AREAS};
use crate::domain::fields::FieldError;
use crate::domain::org::OrgLocation;
use crate::domain::policy::{Action, Actor};
use crate::error::AppError;
use crate::services::context::Ctx;

async fn require_zentrale(ctx: &Ctx, actor: &Actor, object: &str) -> Result<(), AppError> {
    ctx.require(
        actor,
        Action::ManageDirectives,
        OrgLocation::Central,
        object,
    )
    .await
}

/// The form, empty for a new directive or filled with an existing one.
pub async fn form(ctx: &Ctx, number: Option<&str>) -> Result<DirectiveForm, AppError> {
    let actor = ctx.actor()?;
    require_zentrale(ctx, &actor, "weisungen").await?;
    let db = ctx.db().clone();
    let mut form = DirectiveForm {
        legal_area: LEGAL_AREAS[0].into(),
        deadline_kind: "datum".into(),
        legal_areas: LEGAL_AREAS.iter().map(|s| s.to_string()).collect(),
        concerns: crate::db::orders::active_concerns(&db)
            .await
            .map_err(db_err)?,
        areas: q::areas_by_name(&db).await.map_err(db_err)?,
        ..DirectiveForm::default()
    };
    let Some(number) = number.filter(|n| !n.trim().is_empty()) else {
        return Ok(form);
    };
    let d = crate::db::directives::by_number(&db, number.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let loaded = super::directives::load(&db, d).await?;
    let row = &loaded.row;
    form.revision = Some(row.revision);
    form.number = row.number.clone();
    form.title = row.title.clone();
    form.issued_on = format_date(row.issued_on);
    form.valid_from = format_date(row.valid_from);
    form.valid_until = row.valid_until.map(format_date).unwrap_or_default();
    form.legal_area = row.legal_area.clone();
    form.reference_code = row.reference_code.clone();
    form.deadline_text = row.deadline_text.clone();
    match loaded.deadline {
        Deadline::On(date) => form.deadline_on = format_date(date),
        Deadline::DaysBefore { switchover, days } => {
            form.deadline_kind = "relativ".into();
            form.switchover_on = format_date(switchover);
            form.days_before = days.to_string();
        }
    }
    if let Some(rule) = &loaded.rule {
        form.concern = rule.concern.clone();
        form.rule_due = rule.due.map(format_date).unwrap_or_default();
        for c in &rule.conditions {
            match c {
                Condition::AreaIs(a) => form.area_is = a.clone(),
                Condition::MailboxOfAreaInOwnOffice(a) => form.mailbox_area = a.clone(),
                Condition::HasNotificationAddress => form.needs_address = true,
            }
        }
    }
    form.limited_to_concern = row.limited_to_concern;
    form.applies_to = crate::db::directives::scope_names(&db, row.id)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(code, _)| code)
        .collect::<Vec<_>>()
        .join(", ");
    Ok(form)
}

/// (region id, agency id) per code of "nord, kiel, …"; unknown codes are field errors.
async fn resolve_scope(
    db: &Db,
    applies_to: &str,
) -> Result<Vec<(Option<i64>, Option<i64>)>, Vec<FieldError>> {
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    for code in applies_to
        .split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let code = code.to_lowercase();
        let region =
            crate::db::region_status::region(&mut crate::db::write::Reader::Pool(db), &code)
                .await
                .ok()
                .flatten();
        let agency = crate::db::org::agency_by_code(db, &code)
            .await
            .ok()
            .flatten();
        match (region, agency) {
            // A deactivated RD or a closed agency takes no new directive.
            (Some((id, _, true)), _) => out.push((Some(id), None)),
            (None, Some(a)) if a.active => out.push((None, Some(a.id))),
            _ => unknown.push(code),
        }
    }
    out.sort_unstable();
    out.dedup();
    if unknown.is_empty() {
        Ok(out)
    } else {
        Err(vec![FieldError::new(
            "geltungsbereich",
            format!(
                "Unbekannte, deaktivierte oder geschlossene Kürzel: {}. Erlaubt sind Kürzel aktiver RDs (z. B. nord) und geöffneter Agenturen (z. B. kiel).",
                unknown.join(", ")
            ),
        )])
    }
}

/// Creates (revision None) or changes a directive; returns its number.
pub async fn save(
    ctx: &Ctx,
    input: DirectiveInput<'_>,
    applies_to: &str,
    revision: Option<i64>,
) -> Result<String, AppError> {
    let actor = ctx.actor()?;
    require_zentrale(ctx, &actor, &format!("weisung:{}", input.number.trim())).await?;
    let db = ctx.db().clone();
    let concerns = crate::db::imports::concerns(&db).await.map_err(db_err)?;
    let areas = q::areas_by_name(&db).await.map_err(db_err)?;
    let concern_codes: Vec<&str> = concerns.iter().map(|(c, _)| c.as_str()).collect();
    let area_codes: Vec<&str> = areas.iter().map(|(c, _)| c.as_str()).collect();
    let valid = validate(&input, &concern_codes, &area_codes);
    let scope = resolve_scope(&db, applies_to).await;
    let (d, scope) = match (valid, scope) {
        (Ok(d), Ok(s)) => (d, s),
        (v, s) => {
            let mut errors = v.err().unwrap_or_default();
            errors.extend(s.err().unwrap_or_default());
            return Err(AppError::Validation(errors));
        }
    };
    let rule_json = d
        .rule
        .as_ref()
        .map(|r| serde_json::to_string(r).expect("rules serialise"));
    let (switchover, days) = match d.deadline {
        Deadline::DaysBefore { switchover, days } => (Some(switchover), Some(i64::from(days))),
        Deadline::On(_) => (None, None),
    };
    let number = d.number.as_str().to_string();
    let detail = describe(&d, applies_to);
    let stored = StoredDirective {
        number: &number,
        title: &d.title,
        issued_on: d.issued_on,
        valid_from: d.valid_from,
        valid_until: d.valid_until,
        reference_code: &d.reference_code,
        legal_area: &d.legal_area,
        deadline_on: d.deadline.date(),
        switchover_on: switchover,
        days_before: days,
        deadline_text: &d.deadline_text,
        target_rule: rule_json.as_deref(),
        limited_to_concern: d.limited_to_concern,
    };
    let mut tx = db.begin_write().await.map_err(db_err)?;
    let Some(id) = tx.save_directive(&stored, revision).await.map_err(db_err)? else {
        return Err(match revision {
            None => AppError::Validation(vec![FieldError::new(
                "nummer",
                format!("Die Weisung {number} gibt es bereits."),
            )]),
            Some(_) => AppError::Conflict(format!(
                "Die Weisung {number} wurde inzwischen geändert. Bitte laden Sie die Seite neu und übertragen Sie Ihre Änderungen."
            )),
        });
    };
    tx.set_directive_scope(id, &scope).await.map_err(db_err)?;
    let action = if revision.is_none() {
        "weisung-angelegt"
    } else {
        "weisung-geaendert"
    };
    let entry = ctx.audit_entry(&actor, action, &format!("weisung:{number}"), detail);
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(number)
}

/// The stored values in one line, for the audit log.
fn describe(d: &ValidDirective, applies_to: &str) -> String {
    format!(
        "„{}“, Frist {}, Zielregel {}, nur Anliegen: {}, gilt für: {}",
        d.title,
        format_date(d.deadline.date()),
        d.rule
            .as_ref()
            .map(|r| serde_json::to_string(r).unwrap_or_default())
            .unwrap_or_else(|| "keine".into()),
        if d.limited_to_concern { "ja" } else { "nein" },
        if applies_to.trim().is_empty() {
            "alle"
        } else {
            applies_to.trim()
        }
    )
}
