//! The Postkörbe of a Dienststelle (Zentrale): list, create, rename, deactivate and
//! reactivate — every change versioned like the organisation, with a version check and an
//! audit record. Deactivation is refused while live eAkte rules send to the Postkorb or
//! open orders propose it; a pre-filled order moves its rules to another Postkorb.

use super::db_err;
use super::master_data::version_view;
use super::orders::batch_filing::{self, BatchHeader, Filed};
use crate::db::master_data::{self as versions, VersionNote};
use crate::db::postkorb_admin::{self as q, PostkorbRow};
use crate::db::write::{Reader, WriteTx};
use crate::domain::calendar::{format_date, today_berlin};
use crate::domain::eakte_rule::entry_label;
use crate::domain::fields::FieldError;
use crate::domain::kind::Kind;
use crate::domain::order_form::check_header;
use crate::domain::org::OrgLocation;
use crate::domain::org_form::check_name;
use crate::domain::policy::{decide, Action};
use crate::domain::postkorb::{
    check_new_postkorb, deactivation_refusal, default_name, postkorb_code,
};
use crate::error::AppError;
use crate::org::model::{OfficePostkoerbe, PostkorbDetail, PostkorbView};
use crate::services::context::Ctx;
use time::OffsetDateTime;

const LEVEL: &str = "postkorb";

fn view(row: &PostkorbRow) -> PostkorbView {
    PostkorbView {
        code: row.code.clone(),
        name: row.name.clone(),
        area_code: row.area_code.clone(),
        area_name: row.area_name.clone(),
        // A closed Dienststelle's Postkörbe are out of use with it.
        active: row.active && row.office_active,
        live_rules: row.live_rules,
    }
}

/// The version's stored fields, by label.
fn fields(row: &PostkorbRow, name: &str, active: bool) -> String {
    let mut fields = serde_json::json!({
        "Kürzel": row.code,
        "Name": name,
        "Dienststelle": row.office_code,
        "Bereich": row.area_code,
    });
    if let (false, Some(map)) = (active, fields.as_object_mut()) {
        map.insert("Status".into(), "deaktiviert".into());
    }
    fields.to_string()
}

fn may_manage(ctx: &Ctx) -> Result<bool, AppError> {
    let actor = ctx.actor()?;
    Ok(decide(&actor, Action::ManageCatalogue, OrgLocation::Central).is_allowed())
}

/// The Dienststelle's Postkörbe, for everyone signed in; what a new one may be made of
/// for the Zentrale.
pub async fn of_office(ctx: &Ctx, office_code: &str) -> Result<OfficePostkoerbe, AppError> {
    let manage = may_manage(ctx)?;
    let db = ctx.db().clone();
    let r = &mut Reader::Pool(&db);
    let office = crate::db::office_closure::office(r, office_code.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let rows = q::of_office(r, office.id).await.map_err(db_err)?;
    let free_areas = if manage && office.active {
        q::free_areas(r, office.id)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|(code, name, short)| (code, name, default_name(&short, &office.name)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(OfficePostkoerbe {
        postkoerbe: rows.iter().map(view).collect(),
        free_areas,
    })
}

async fn found(r: &mut Reader<'_>, office: &str, area: &str) -> Result<PostkorbRow, AppError> {
    q::postkorb(r, office.trim(), area.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)
}

/// Why the Postkorb cannot be deactivated, read where the caller reads.
async fn refusal(r: &mut Reader<'_>, row: &PostkorbRow) -> Result<Option<String>, AppError> {
    let proposing = q::orders_proposing(r, row.id).await.map_err(db_err)?;
    Ok(deactivation_refusal(
        &row.name,
        row.live_rules as usize,
        &proposing,
    ))
}

/// One Postkorb with the rules that send to it and its versions.
pub async fn detail(ctx: &Ctx, office: &str, area: &str) -> Result<PostkorbDetail, AppError> {
    let manage = may_manage(ctx)?;
    let db = ctx.db().clone();
    let r = &mut Reader::Pool(&db);
    let row = found(r, office, area).await?;
    let rules = q::live_rules(r, row.agency_id, row.id)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|rule| {
            (
                entry_label(&rule.file_type, &rule.document_type, &rule.document_kind),
                format!("/eakte-regel/{}", rule.entry_id),
                rule.open_order,
            )
        })
        .collect();
    let proposing = q::orders_proposing(r, row.id).await.map_err(db_err)?;
    let refusal = row
        .active
        .then(|| deactivation_refusal(&row.name, row.live_rules as usize, &proposing))
        .flatten();
    let move_targets = if manage && row.live_rules > 0 {
        q::move_targets(r, row.agency_id, row.id)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|t| (t.code, format!("{} ({})", t.name, t.office_name)))
            .collect()
    } else {
        Vec::new()
    };
    let version = versions::live_version(&db, LEVEL, row.id)
        .await
        .map_err(db_err)?;
    let history = versions::history(&db, LEVEL, row.id, 1000)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(version_view)
        .collect();
    Ok(PostkorbDetail {
        postkorb: view(&row),
        office_code: row.office_code,
        office_name: row.office_name,
        agency_code: row.agency_code,
        agency_name: row.agency_name,
        version,
        rules,
        proposing,
        refusal,
        move_targets,
        may_manage: manage,
        history,
        today: format_date(today_berlin(OffsetDateTime::now_utc())),
    })
}

/// Creates the Dienststelle's Postkorb of a Bereich with its first version; answers the
/// Bereich's code.
pub async fn create(ctx: &Ctx, office: &str, area: &str, name: &str) -> Result<String, AppError> {
    let object = format!("postkorb:{}/{}", office.trim(), area.trim());
    let actor = ctx.catalogue_admin(&object).await?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let r = &mut Reader::Tx(&mut tx);
    let office_row = crate::db::office_closure::office(r, office.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    if !office_row.active {
        return Err(AppError::Conflict(
            "Die Dienststelle ist geschlossen; sie erhält keine neuen Postkörbe.".into(),
        ));
    }
    let free: Vec<String> = q::free_areas(r, office_row.id)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(code, _, _)| code)
        .collect();
    let (area, name) = check_new_postkorb(area, name, &free).map_err(AppError::Validation)?;
    let code = postkorb_code(&office_row.code, &area);
    let Some(id) = tx
        .insert_postkorb(office_row.id, &area, &code, &name)
        .await
        .map_err(db_err)?
    else {
        return Err(AppError::Validation(vec![FieldError::new(
            "bereich",
            format!("Den Postkorb „{code}“ gibt es schon."),
        )]));
    };
    let row = found(&mut Reader::Tx(&mut tx), &office_row.code, &area).await?;
    let note = VersionNote {
        at: OffsetDateTime::now_utc(),
        author_id: Some(actor.user_id),
        note: "Postkorb angelegt",
    };
    tx.add_master_data_version(LEVEL, id, &fields(&row, &name, true), &note)
        .await
        .map_err(db_err)?;
    // A new agency's rules get their first version once its Hauptagentur has the
    // Postkorb of the Leistungsgewährung.
    let rules = tx
        .fill_initial_eakte_rules(note.at, "Ausgangskonfiguration (neuer Postkorb)")
        .await
        .map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        "postkorb-angelegt",
        &format!("postkorb:{code}"),
        format!(
            "angelegt: Name „{name}“; Dienststelle „{}“; Bereich „{}“; Ausgangskonfiguration für {rules} eAkte-Regeln",
            row.office_name, row.area_name
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(area)
}

/// The Postkorb, read in the transaction, if its live version is still the one seen; a
/// seeded Postkorb gets its state before the first change as version 1.
async fn as_seen(
    tx: &mut WriteTx,
    office: &str,
    area: &str,
    seen: &str,
) -> Result<PostkorbRow, AppError> {
    let row = found(&mut Reader::Tx(tx), office, area).await?;
    let current = fields(&row, &row.name, row.active);
    super::master_data::check_seen_version(tx, (LEVEL, row.id), seen, &current, "Der Postkorb")
        .await?;
    Ok(row)
}

/// Renames the Postkorb seen at `version`; answers the new version.
pub async fn rename(
    ctx: &Ctx,
    office: &str,
    area: &str,
    version: &str,
    name: &str,
) -> Result<i64, AppError> {
    let object = format!("postkorb:{}/{}", office.trim(), area.trim());
    let actor = ctx.catalogue_admin(&object).await?;
    let name = check_name(name).map_err(|e| AppError::Validation(vec![e]))?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let row = as_seen(&mut tx, office, area, version).await?;
    if row.name == name {
        return Err(AppError::Conflict(
            "Die Angaben sind unverändert; es wurde nichts gespeichert.".into(),
        ));
    }
    tx.rename_postkorb(row.id, &name).await.map_err(db_err)?;
    let new_version = tx
        .add_master_data_version(
            LEVEL,
            row.id,
            &fields(&row, &name, row.active),
            &VersionNote {
                at: OffsetDateTime::now_utc(),
                author_id: Some(actor.user_id),
                note: "Postkorb umbenannt",
            },
        )
        .await
        .map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        "postkorb-geaendert",
        &format!("postkorb:{}", row.code),
        format!("Name: „{}“ → „{name}“ (Version {new_version})", row.name),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(new_version)
}

/// "deaktivieren" or "reaktivieren" the Postkorb seen at `version`; answers the new version.
pub async fn set_active(
    ctx: &Ctx,
    office: &str,
    area: &str,
    version: &str,
    action: &str,
) -> Result<i64, AppError> {
    let object = format!("postkorb:{}/{}", office.trim(), area.trim());
    let actor = ctx.catalogue_admin(&object).await?;
    let active = super::master_data::requested_status(action)?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let row = as_seen(&mut tx, office, area, version).await?;
    if active && !row.office_active {
        return Err(AppError::Conflict(
            "Die Dienststelle ist geschlossen; ihr Postkorb bleibt deaktiviert.".into(),
        ));
    }
    if row.active == active {
        return Err(AppError::Conflict(if active {
            "Der Postkorb ist bereits aktiv.".into()
        } else {
            "Der Postkorb ist bereits deaktiviert.".into()
        }));
    }
    if !active {
        if let Some(refusal) = refusal(&mut Reader::Tx(&mut tx), &row).await? {
            return Err(AppError::Conflict(refusal));
        }
    }
    tx.set_postkorb_active(row.id, active)
        .await
        .map_err(db_err)?;
    let new_version = super::master_data::record_status(
        ctx,
        &mut tx,
        &actor,
        super::master_data::StatusChange {
            level: LEVEL,
            object_id: row.id,
            object: &format!("postkorb:{}", row.code),
            fields: &fields(&row, &row.name, active),
            what: "Postkorb",
            active,
            consequence: "",
        },
    )
    .await?;
    tx.commit().await.map_err(db_err)?;
    Ok(new_version)
}

/// The move order's form.
pub struct MoveInput<'a> {
    pub office: &'a str,
    pub area: &'a str,
    /// The code of the Postkorb that takes the rules over.
    pub target: &'a str,
    pub justification: &'a str,
    pub effective_date: &'a str,
}

/// Files the order that sends every live rule of the Postkorb not yet in an open order to
/// `target` (a Postkorb of the same agency); answers the batch's number.
pub async fn file_move(ctx: &Ctx, input: MoveInput<'_>) -> Result<String, AppError> {
    let object = format!(
        "postkorb:{}/{}/umzug",
        input.office.trim(),
        input.area.trim()
    );
    let actor = ctx.catalogue_admin(&object).await?;
    ctx.require(
        &actor,
        Action::FileCentralOrder,
        OrgLocation::Central,
        &object,
    )
    .await?;
    let now = OffsetDateTime::now_utc();
    let header = check_header(input.justification, input.effective_date, today_berlin(now))
        .map_err(AppError::Validation)?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let row = found(&mut Reader::Tx(&mut tx), input.office, input.area).await?;
    let target = q::move_targets(&mut Reader::Tx(&mut tx), row.agency_id, row.id)
        .await
        .map_err(db_err)?
        .into_iter()
        .find(|t| t.code == input.target.trim())
        .ok_or_else(|| {
            AppError::Validation(vec![FieldError::new(
                "ziel",
                "Bitte wählen Sie einen aktiven Postkorb derselben Agentur, der die Regeln übernimmt.",
            )])
        })?;
    let rules: Vec<_> = q::live_rules(&mut Reader::Tx(&mut tx), row.agency_id, row.id)
        .await
        .map_err(db_err)?
        .into_iter()
        .filter(|r| r.open_order.is_none())
        .collect();
    if rules.is_empty() {
        return Err(AppError::Conflict(
            "Keine gültige eAkte-Regel sendet an diesen Postkorb, die nicht schon ein offener Auftrag umstellt."
                .into(),
        ));
    }
    let (batch, batch_number) = BatchHeader::start(
        &mut tx,
        actor.user_id,
        header.justification.as_str(),
        header.effective_date,
        now,
    )
    .await?;
    let (order_id, number) = batch
        .open_for(&mut tx, row.agency_id, row.region_id)
        .await?;
    for rule in &rules {
        tx.save_value_item(
            Kind::EakteRule,
            order_id,
            rule.entry_id,
            rule.version,
            target.id,
        )
        .await
        .map_err(db_err)?;
    }
    let filed = Filed {
        order_id,
        number: &number,
        region_id: row.region_id,
        agency_name: &row.agency_name,
        effective_date: header.effective_date,
        directive: None,
        summary: format!(
            "Sammelauftrag {batch_number}: {} eAkte-Regeln von „{}“ an „{}“",
            rules.len(),
            row.name,
            target.name
        ),
    };
    batch_filing::submit(ctx, &mut tx, &actor, &filed, now).await?;
    let entry = ctx.audit_entry(
        &actor,
        "sammelauftrag-angelegt",
        &format!("sammelauftrag:{batch_number}"),
        format!(
            "Postkorb „{}“ räumen: {} eAkte-Regeln an „{}“",
            row.name,
            rules.len(),
            target.name
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(batch_number)
}
