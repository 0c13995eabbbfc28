//! Order pages: the list (also the review inbox and RIM queue), a new draft, one order
//! with its items, the item form and the actions the user may take.

use super::value_items::ValueItems;
use super::RemoveKindItem;
use super::*;
use crate::domain::calendar::parse_date;
use crate::domain::fields::{FieldError, JUSTIFICATION_MAX};
use crate::domain::kind::Kind;
use crate::domain::notification_kinds::unknown_flag;
use crate::domain::order::{Action, OrderState, StatusFilter};
use crate::domain::order_form::{
    addresses_hint, check_decision_reason, check_header, check_item_fields, justification_hint,
    reason_field,
};
use crate::eakte::pages::EakteForm;
use crate::eakte::SaveEakteRule;
use crate::mailbox_settings::pages::SettingForm;
use crate::mailbox_settings::SaveMailboxSetting;
use crate::routing::model::ADDRESSES_FIELD;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::choice;
use crate::ui::form::{action_error, field_error, island_action, precheck, shown_error};
use crate::ui::layout::{LoadedPage, Protected};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OrdersPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("status"),
                q.get("rd"),
                q.get("nach").and_then(|s| s.parse::<i64>().ok()),
            )
        },
        |(status, rd, after)| fetch_orders(status, rd, after),
    );
    let current = move |key: &str| query.read().get(key).unwrap_or_default();
    view! {
        <LoadedPage title="Änderungsaufträge" data render=move |list: OrderList| {
            let status = current("status");
            let rd = current("rd");
            let first_href = format!("/auftraege?status={status}&rd={rd}");
            view! {
                <h1>"Änderungsaufträge"</h1>
                {list.can_file.then(|| view! {
                    <p><a class="button" href="/auftraege/neu">"Neuen Änderungsauftrag anlegen"</a></p>
                })}
                <form method="get" action="/auftraege" class="compare-form">
                    <label for="status">"Status"</label>
                    <select id="status" name="status">
                        <option value="" selected=status.is_empty()>"alle"</option>
                        {StatusFilter::all().map(|s| view! {
                            <option value=s.code() selected=status == s.code()>{s.label()}</option>
                        }).collect_view()}
                    </select>
                    {(!list.regions.is_empty()).then(|| view! {
                        <label for="rd">"Regionaldirektion"</label>
                        <select id="rd" name="rd">
                            <option value="" selected=rd.is_empty()>"alle"</option>
                            {list.regions.iter().map(|(code, name)| view! {
                                <option value=code.clone() selected=rd == *code>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                    })}
                    <button type="submit" class="button">"Filtern"</button>
                </form>
                {(!list.first_page).then(|| view! {
                    <p><a href=first_href.clone()>"Zurück zum Anfang der Liste"</a></p>
                })}
                {if list.rows.is_empty() {
                    view! { <p role="status">"Keine Aufträge gefunden."</p> }.into_any()
                } else {
                    view! {
                        <table>
                            <caption>"Aufträge"</caption>
                            <thead><tr>
                                <th scope="col">"Nummer"</th><th scope="col">"Agentur"</th><th scope="col">"Status"</th>
                                <th scope="col">"Wirksam ab"</th><th scope="col">"Eingereicht"</th><th scope="col">"Weisung"</th>
                                <th scope="col" class="num">"Positionen"</th>
                            </tr></thead>
                            <tbody>
                                {list.rows.into_iter().map(|r| view! {
                                    <tr>
                                        <td><a href=order_href(&r.number)>{r.number.clone()}</a></td>
                                        <td>{r.agency}<br /><span class="small">{r.author}</span></td>
                                        <td>{r.state_label}</td>
                                        <td>{r.effective_date}</td>
                                        <td>{r.submitted.unwrap_or_else(|| "–".into())}
                                            {r.days_waiting.map(|d| view! { <br /><span class="small">{format!("wartet seit {d} Tagen")}</span> })}</td>
                                        <td>{match (r.directive, r.deadline) {
                                            (Some(number), Some(deadline)) => view! {
                                                {number}<br /><span class="small">{format!("Frist {deadline}")}
                                                {r.days_left.map(deadline_hint)}</span>
                                            }.into_any(),
                                            _ => view! { "–" }.into_any(),
                                        }}</td>
                                        <td class="num">{r.items}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
                {list.next.map(|next| view! {
                    <p><a href=format!("/auftraege?status={status}&rd={rd}&nach={next}")>"Weitere Aufträge"</a></p>
                })}
            }
        } />
    }
}

/// ", noch 12 Tage" / ", heute" / ", 3 Tage überschritten"
fn deadline_hint(days_left: i64) -> String {
    match days_left {
        0 => ", heute".into(),
        1 => ", noch 1 Tag".into(),
        d if d > 1 => format!(", noch {d} Tage"),
        -1 => ", 1 Tag überschritten".into(),
        d => format!(", {} Tage überschritten", -d),
    }
}

#[component]
pub fn NewOrderPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            let id = |name: &str| q.get(name).and_then(|s| s.parse::<i64>().ok());
            (
                (id("eintrag"), id("einstellung"), id("regel")),
                id("version"),
                (q.get("weisung"), q.get("agentur"), q.get("pflicht")),
            )
        },
        |((entry, setting, rule), version, (directive, agency, obligation))| {
            fetch_new_order_form(entry, setting, rule, version, directive, agency, obligation)
        },
    );
    view! {
        <Title text="Neuer Änderungsauftrag" />
        <LoadedPage title="Neuer Änderungsauftrag" data render=|form: NewOrderForm| view! { <NewOrderFields form /> } />
    }
}

/// The new draft's form, an island: it checks the header in the browser before sending.
#[island]
fn NewOrderFields(form: NewOrderForm) -> impl IntoView {
    let action = island_action::<CreateOrder>();
    let checked = RwSignal::new(None);
    let error = shown_error(action_error(action.value()), checked);
    let NewOrderForm {
        agencies,
        directives,
        today,
        justification,
        restoring,
        prefill,
    } = form;
    let heading = match (&restoring, &prefill) {
        (Some(_), _) => "Frühere Version wiederherstellen".to_string(),
        (None, Some(p)) => format!("Auftrag zur Weisung {} vorbereiten", p.directive),
        (None, None) => "Neuer Änderungsauftrag".to_string(),
    };
    let selected_directive = prefill.as_ref().map(|p| p.directive.clone());
    let today_date = parse_date(&today);
    let check = move |d: CreateOrder| header_problems(&d.begruendung, &d.wirksam_ab, today_date);
    view! {
        <h1>{heading}</h1>
        {move || error.get().map(|error| view! { <ErrorSummary error /> })}
        {if agencies.is_empty() {
            view! { <p>"Sie können für keine Agentur Aufträge anlegen."</p> }.into_any()
        } else {
            view! {
                {restoring.clone().map(|r| view! {
                    <div class="notice" role="note">
                        <p>{format!("Der Entwurf erhält eine Position, die Version {} von „{}“ in der Dienststelle {} wiederherstellt:", r.version, r.subject, r.office)}</p>
                        <p class="address">{r.summary}</p>
                        <p>"Der Entwurf wird wie jeder Auftrag geprüft und umgesetzt; die heutige Version bleibt im Verlauf erhalten."</p>
                    </div>
                })}
                {prefill.clone().filter(|p| p.items.is_empty()).map(|p| view! {
                    <div class="notice" role="note">
                        <p>{format!(
                            "Zur Weisung {} ist in der {} nichts mehr offen, was ein Auftrag beheben könnte. Ein Entwurf kann trotzdem angelegt und von Hand gefüllt werden.",
                            p.directive, p.agency_name
                        )}</p>
                    </div>
                })}
                {prefill.clone().filter(|p| !p.items.is_empty()).map(|p| view! {
                    <div class="notice" role="note">
                        <p>{format!(
                            "Der Entwurf erhält {} Position(en) {}, die das Offene der {} an die Weisung {} anpassen:",
                            p.items.len(), p.what, p.agency_name, p.directive
                        )}</p>
                        <ul>
                            {p.items.into_iter().map(|i| view! { <li><strong>{i.office}</strong>": "{i.proposed}</li> }).collect_view()}
                        </ul>
                        <p>"Prüfen Sie im Entwurf jede Position, bevor Sie ihn einreichen."</p>
                    </div>
                })}
                <ActionForm action on:submit:capture=precheck(checked, check)>
                    {restoring.clone().map(|r| view! {
                        <input type="hidden" name=restore_field(r.kind) value=r.entry_id.to_string() />
                        <input type="hidden" name="version" value=r.version.to_string() />
                    })}
                    {prefill.as_ref().filter(|p| !p.items.is_empty()).map(|p| view! {
                        <input type="hidden" name="vorbefuellen" value="true" />
                        {p.obligation.clone().map(|code| view! { <input type="hidden" name="pflicht" value=code /> })}
                    })}
                    <div class="field">
                        <label for="agentur">"Agentur"</label>
                        <select id="agentur" name="agentur">
                            {agencies.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                        </select>
                    </div>
                    {header_fields(error, justification, today, directives, selected_directive)}
                    <button type="submit" class="button">"Entwurf anlegen"</button>
                </ActionForm>
            }.into_any()
        }}
    }
}

/// Justification, effective date and directive: the same fields for a new draft and for
/// changing a draft's header.
fn header_fields(
    error: Signal<Option<crate::error::AppError>>,
    justification: String,
    effective_date: String,
    directives: Vec<(String, String)>,
    directive: Option<String>,
) -> impl IntoView {
    let selected = directive.unwrap_or_default();
    view! {
        <div class="field">
            <label for="begruendung">"Begründung"</label>
            <p class="field__hint" id="begruendung-hinweis">{format!("{}: warum die Änderung nötig ist.", justification_hint())}</p>
            {let e = field_error(error, "begruendung"); move || e.get().map(|m| view! { <p class="field__error" id="begruendung-fehler">{m}</p> })}
            <textarea id="begruendung" name="begruendung" rows="4" maxlength=JUSTIFICATION_MAX
                aria-describedby="begruendung-hinweis begruendung-fehler">{justification}</textarea>
        </div>
        <div class="field">
            <label for="wirksam_ab">"Gewünscht wirksam ab (TT.MM.JJJJ)"</label>
            <p class="field__hint" id="wirksam_ab-hinweis">"Frühestens heute."</p>
            {let e = field_error(error, "wirksam_ab"); move || e.get().map(|m| view! { <p class="field__error" id="wirksam_ab-fehler">{m}</p> })}
            <input id="wirksam_ab" name="wirksam_ab" type="text" inputmode="numeric" maxlength="10"
                aria-describedby="wirksam_ab-hinweis wirksam_ab-fehler" value=effective_date />
        </div>
        <div class="field">
            <label for="weisung">"Antwort auf Weisung (optional)"</label>
            {let e = field_error(error, "weisung"); move || e.get().map(|m| view! { <p class="field__error" id="weisung-fehler">{m}</p> })}
            <select id="weisung" name="weisung" aria-describedby="weisung-fehler">
                <option value="" selected=selected.is_empty()>"keine"</option>
                {directives.into_iter().map(|(number, label)| {
                    let is = number == selected;
                    view! { <option value=number selected=is>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The header's domain checks in the browser, against the server's today.
fn header_problems(
    justification: &str,
    effective_date: &str,
    today: Option<time::Date>,
) -> Vec<FieldError> {
    today
        .and_then(|today| check_header(justification, effective_date, today).err())
        .unwrap_or_default()
}

/// A decision's reason, checked in the browser as the server checks it.
fn reason_problems(data: &OrderAction) -> Vec<FieldError> {
    Action::from_code(&data.aktion)
        .and_then(|action| check_decision_reason(action, data.grund.as_deref().unwrap_or("")).err())
        .into_iter()
        .collect()
}

/// An item's mailbox and addresses, checked in the browser as the server checks them.
fn item_problems(
    data: &SaveOrderItem,
    mailboxes: &[MailboxChoice],
    domains: &[&str],
) -> Vec<FieldError> {
    let mailbox = mailboxes
        .iter()
        .find(|m| m.id == data.postfach)
        .map(|m| (m.serves.contains(&data.dienststelle), m.area_id));
    check_item_fields(mailbox, data.bereich, &data.adressen, domains)
        .err()
        .unwrap_or_default()
}

/// The order page's actions outside its islands (their forms are plain posts, answered
/// with the page anew; the actions carry the error the server sent back).
#[derive(Clone, Copy)]
struct OrderActions {
    remove: ServerAction<RemoveOrderItem>,
    refresh: ServerAction<RefreshOrder>,
    save_setting: ServerAction<SaveMailboxSetting>,
    save_eakte: ServerAction<SaveEakteRule>,
    /// Removes an item of a single-field kind.
    remove_kind: ServerAction<RemoveKindItem>,
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let actions = OrderActions {
        remove: ServerAction::new(),
        refresh: ServerAction::new(),
        save_setting: ServerAction::new(),
        save_eakte: ServerAction::new(),
        remove_kind: ServerAction::new(),
    };
    provide_context(actions);
    let data = Resource::new(
        move || {
            (
                number_from_path(&params.read().get("nummer").unwrap_or_default()),
                actions.remove.version().get(),
                actions.refresh.version().get(),
                actions.save_setting.version().get(),
                actions.save_eakte.version().get(),
                actions.remove_kind.version().get(),
            )
        },
        |(number, ..)| fetch_order(number),
    );
    view! {
        <Title text="Änderungsauftrag" />
        <Protected content=move |_me| view! {
            <Suspense fallback=|| view! { <p class="loading">"Wird geladen …"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(order) => view! { <OrderView order /> }.into_any(),
                        Err(error) => view! { <crate::ui::errors::ErrorPanel error /> }.into_any(),
                    }
                })}
            </Suspense>
        } />
    }
}

/// The hidden fields every order form carries: which order, and the revision the user saw.
fn hidden(number: &str, revision: &str) -> impl IntoView {
    view! {
        <input type="hidden" name="nummer" value=number.to_string() />
        <input type="hidden" name="revision" value=revision.to_string() />
    }
}

#[component]
fn OrderView(order: OrderDetail) -> impl IntoView {
    let OrderActions {
        remove,
        refresh,
        save_setting,
        save_eakte,
        remove_kind,
    } = expect_context::<OrderActions>();
    let remove_error = action_error(remove.value());
    let refresh_error = action_error(refresh.value());
    let remove_kind_error = action_error(remove_kind.value());
    let any_stale = order.items.iter().any(|i| i.stale)
        || order.settings.iter().chain(&order.eakte).any(|i| i.stale);
    let number = order.number.clone();
    let revision = order.revision.to_string();
    view! {
        <Title text=format!("Auftrag {}", order.number) />
        <nav aria-label="Brotkrumennavigation" class="breadcrumbs">
            <ol><li><a href="/auftraege">"Änderungsaufträge"</a></li><li aria-current="page">{order.number.clone()}</li></ol>
        </nav>
        <h1>{format!("Änderungsauftrag {}", order.number)}</h1>
        {move || remove_error.get().or(refresh_error.get()).or(remove_kind_error.get()).map(|error| view! { <ErrorSummary error id="aktion-fehler" /> })}
        <dl class="facts">
            <dt>"Status"</dt><dd><strong>{order.state_label.clone()}</strong></dd>
            <dt>"Agentur"</dt><dd>{order.agency.clone()}</dd>
            <dt>"Angelegt von"</dt><dd>{order.author.clone()}</dd>
            <dt>"Wirksam ab"</dt><dd>{order.effective_date.clone()}</dd>
            <dt>"Begründung"</dt><dd>{order.justification.clone()}</dd>
            <dt>"Weisung"</dt><dd>{match order.directive.clone() {
                Some(d) => format!("{} (Frist {})", d.label, d.deadline),
                None => "keine".to_string(),
            }}</dd>
            {order.batch.clone().map(|b| view! {
                <dt>"Sammelauftrag"</dt><dd><a href=super::batch::batch_href(&b)>{b.clone()}</a></dd>
            })}
            {order.review.clone().map(|r| view! { <dt>"Prüfung"</dt><dd>{r}</dd> })}
            {order.decided_by.clone().map(|d| view! { <dt>"Entschieden von"</dt><dd>{d}</dd> })}
            {order.decision_reason.clone().map(|r| view! { <dt>"Grund der Entscheidung"</dt><dd>{r}</dd> })}
        </dl>
        {(!order.overlapping.is_empty()).then(|| view! {
            <p class="notice" role="note">"Weitere offene Aufträge zu denselben Einträgen: "
                {order.overlapping.iter().map(|(n, s)| view! { <a href=order_href(n)>{format!("{n} ({s})")}</a>" " }).collect_view()}
            </p>
        })}
        {any_stale.then(|| view! {
            <div class="notice" role="note">
                <p>"Mindestens eine Position beruht auf einer Version, die nicht mehr gültig ist."</p>
                {(order.state_code == OrderState::Approved).then(|| view! {
                    <p>"Der Auftrag kann so nicht umgesetzt werden. Nach dem Aktualisieren kommt er zur Überarbeitung an die Agentur zurück und muss erneut eingereicht und geprüft werden."</p>
                })}
                {order.can_refresh.then(|| { let (number, revision) = (number.clone(), revision.clone()); view! {
                    <ActionForm action=refresh>
                        {hidden(&number, &revision)}
                        <button type="submit" class="button">"Positionen auf den gültigen Stand bringen"</button>
                    </ActionForm>
                }})}
            </div>
        })}
        <h2>"Positionen"</h2>
        {if order.items.is_empty() && order.settings.is_empty() && order.eakte.is_empty() {
            view! { <p>"Noch keine Positionen."</p> }.into_any()
        } else if order.items.is_empty() {
            ().into_any()
        } else {
            view! {
                <table>
                    <caption>"Positionen mit Änderungen gegenüber der gültigen Konfiguration"</caption>
                    <thead><tr>
                        <th scope="col">"Dienststelle und Anliegen"</th><th scope="col">"Feld"</th>
                        <th scope="col">"Gültig"</th><th scope="col">"Neu"</th><th scope="col">"Grundlage"</th>
                    </tr></thead>
                    <tbody>
                        {order.items.clone().into_iter().flat_map(|item| {
                            item_rows(item, order.editable, remove, &number, &revision)
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <ValueItems kind=Kind::MailboxSetting caption="E-Mail-Kommunikation der Postfächer: Änderungen gegenüber der gültigen Einstellung" subject="Postfach"
            items=order.settings.clone() editable=order.editable number=number.clone() revision=revision.clone() remove=remove_kind />
        <ValueItems kind=Kind::EakteRule caption="eAkte-Regelwerk: Änderungen des Ziel-Postkorbs gegenüber der gültigen Regel" subject="Regel"
            items=order.eakte.clone() editable=order.editable number=number.clone() revision=revision.clone() remove=remove_kind />
        {order.editable.then(|| view! { <ItemFormLoader number=number.clone() revision=revision.clone() /> })}
        {order.editable.then(|| view! { <SettingForm number=number.clone() revision=revision.clone() save=save_setting /> })}
        {order.editable.then(|| view! { <EakteForm number=number.clone() revision=revision.clone() save=save_eakte /> })}
        {order.editable.then(|| view! {
            <HeaderForm
                number=number.clone()
                revision=revision.clone()
                justification=order.justification.clone()
                effective=order.effective_date.clone()
                choices=order.directive_choices.clone()
                directive=order.directive.clone().map(|d| d.number)
                today=order.today.clone()
            />
        })}
        {(!order.allowed_actions.is_empty()).then(|| view! {
            <ActionsPanel number=number.clone() revision=revision.clone() allowed=order.allowed_actions.clone() />
        })}
    }
}

/// The header of a draft, an island: checked in the browser before sending.
#[island]
fn HeaderForm(
    number: String,
    revision: String,
    justification: String,
    effective: String,
    choices: Vec<(String, String)>,
    directive: Option<String>,
    today: String,
) -> impl IntoView {
    let header = island_action::<UpdateOrder>();
    let checked = RwSignal::new(None);
    let error = shown_error(action_error(header.value()), checked);
    let today = parse_date(&today);
    let check = move |d: UpdateOrder| header_problems(&d.begruendung, &d.wirksam_ab, today);
    view! {
        <section class="panel" aria-labelledby="angaben-titel">
            <h2 id="angaben-titel">"Angaben zum Auftrag ändern"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error id="angaben-fehler" /> })}
            <ActionForm action=header on:submit:capture=precheck(checked, check)>
                {hidden(&number, &revision)}
                {header_fields(error, justification, effective, choices, directive)}
                <button type="submit" class="button">"Angaben speichern"</button>
            </ActionForm>
        </section>
    }
}

/// The actions the user may take, an island: a decision's reason is checked in the
/// browser before sending.
#[island]
fn ActionsPanel(number: String, revision: String, allowed: Vec<String>) -> impl IntoView {
    let act = island_action::<OrderAction>();
    let act_checked = RwSignal::new(None);
    let act_error = shown_error(action_error(act.value()), act_checked);
    view! {
        <section class="panel" aria-labelledby="aktionen">
            <h2 id="aktionen">"Aktionen"</h2>
            {move || act_error.get().map(|error| view! { <ErrorSummary error id="aktion-fehler" /> })}
            {allowed.into_iter().map(|code| {
                let (number, revision) = (number.clone(), revision.clone());
                let action = Action::from_code(&code);
                let needs_reason = action.is_some_and(Action::needs_reason);
                let label = action.map(Action::button).unwrap_or_default();
                let reason_id = action.map(reason_field).unwrap_or_default();
                let hint_id = format!("{reason_id}-hinweis");
                let error_id = format!("{reason_id}-fehler");
                let reason_error = field_error(act_error, reason_id.clone());
                view! {
                    <ActionForm action=act attr:class="action-form"
                        on:submit:capture=precheck(act_checked, |d: OrderAction| reason_problems(&d))>
                        {hidden(&number, &revision)}
                        <input type="hidden" name="aktion" value=code.clone() />
                        {needs_reason.then(|| view! {
                            <div class="field">
                                <label for=reason_id.clone()>{format!("Grund ({label})")}</label>
                                <p class="field__hint" id=hint_id.clone()>{format!("{}; die Agentur sieht ihn im Auftrag.", justification_hint())}</p>
                                {let error_id = error_id.clone(); move || reason_error.get().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
                                <textarea id=reason_id.clone() name="grund" rows="2" maxlength=JUSTIFICATION_MAX
                                    aria-describedby=format!("{hint_id} {error_id}")></textarea>
                            </div>
                        })}
                        <button type="submit" class="button">{label}</button>
                    </ActionForm>
                }
            }).collect_view()}
        </section>
    }
}

/// The table rows of one item: one row per changed field, the first carrying the item's
/// name, remove button and base version. An item that no longer changes anything (the
/// live version caught up with it) keeps one row, so it can still be seen and removed.
fn item_rows(
    mut item: ItemView,
    editable: bool,
    remove: ServerAction<RemoveOrderItem>,
    number: &str,
    revision: &str,
) -> Vec<AnyView> {
    if item.changes.is_empty() {
        item.changes.push(crate::routing::FieldChange {
            field: "–".into(),
            before: String::new(),
            after: "keine Änderung mehr gegenüber der gültigen Version".into(),
        });
    }
    let n = item.changes.len().to_string();
    let label = format!("{} – {}", item.office, item.concern);
    let (number, revision) = (number.to_string(), revision.to_string());
    let basis = format!("Version {}", item.base_version);
    let unknown = unknown_flag(&item.unknown_addresses);
    let stale = item
        .stale
        .then(|| format!("veraltet – gültig ist Version {}", item.live_version));
    item.changes
        .into_iter()
        .enumerate()
        .map(|(k, c)| {
            let first = k == 0;
            let (n, label, number, revision, basis, stale, unknown) = (
                n.clone(), label.clone(), number.clone(), revision.clone(), basis.clone(), stale.clone(), unknown.clone(),
            );
            let office = item.office.clone();
            let concern = item.concern.clone();
            let item_id = item.id.to_string();
            let unknown = unknown.filter(|_| c.field == ADDRESSES_FIELD);
            view! {
                <tr>
                    {first.then(|| view! {
                        <th scope="rowgroup" rowspan=n.clone()>{office}<br />{concern}
                            {editable.then(|| view! {
                                <ActionForm action=remove>
                                    {hidden(&number, &revision)}
                                    <input type="hidden" name="position" value=item_id />
                                    <button type="submit" class="button button--small">
                                        "Entfernen"<span class="visually-hidden">{format!(": {label}")}</span>
                                    </button>
                                </ActionForm>
                            })}
                        </th>
                    })}
                    <td>{c.field}</td>
                    <td class="address"><del>{c.before}</del></td>
                    <td class="address"><ins>{c.after}</ins>
                        {unknown.map(|flag| view! { <br /><strong class="warning">{flag}</strong> })}
                    </td>
                    {first.then(|| view! {
                        <td rowspan=n>{basis}
                            {stale.map(|s| view! { <br /><strong class="warning">{s}</strong> })}
                        </td>
                    })}
                </tr>
            }
            .into_any()
        })
        .collect()
}

/// Loads what the item form offers (on the server) and renders the form.
#[component]
fn ItemFormLoader(number: String, revision: String) -> impl IntoView {
    let choices = Resource::new(
        {
            let n = number.clone();
            move || n.clone()
        },
        fetch_item_choices,
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Wird geladen …"</p> }>
            {
                move || {
                    let (number, revision) = (number.clone(), revision.clone());
                    Suspend::new(async move {
                        choices.await.ok().map(|choices| view! { <ItemForm number revision choices /> })
                    })
                }
            }
        </Suspense>
    }
}

/// The item form, an island: mailbox and addresses are checked in the browser before
/// sending, against the choices the server offered.
#[island]
fn ItemForm(number: String, revision: String, choices: ItemChoices) -> impl IntoView {
    let save = island_action::<SaveOrderItem>();
    let checked = RwSignal::new(None);
    let error = shown_error(action_error(save.value()), checked);
    let c = choices;
    let address_hint = addresses_hint(&c.mail_domains);
    let mailboxes = c.mailboxes.clone();
    let allowed = c.mail_domains.clone();
    let check = move |d: SaveOrderItem| {
        let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
        item_problems(&d, &mailboxes, &allowed)
    };
    view! {
        <section class="panel" aria-labelledby="position-titel">
            <h2 id="position-titel">"Position hinzufügen oder ändern"</h2>
            <p>"Eine Position ersetzt das Routing eines Anliegens in einer Dienststelle. Für dieselbe Dienststelle und dasselbe Anliegen wird die vorhandene Position überschrieben."</p>
            {move || error.get().map(|error| view! { <ErrorSummary error id="position-fehler" /> })}
            <ActionForm action=save on:submit:capture=precheck(checked, check)>
                <input type="hidden" name="nummer" value=number />
                <input type="hidden" name="revision" value=revision />
                {choice(error, ("dienststelle", "Dienststelle"), c.offices, String::new())}
                {choice(error, ("anliegen", "Anliegen"), c.concerns, String::new())}
                <div class="field">
                    <label for="postfach">"Zielpostfach"</label>
                    <p class="field__hint" id="postfach-hinweis">"Ein Postfach der gewählten Dienststelle oder der Hauptagentur, im gewählten Bereich; keine Liegenschaftspostfächer."</p>
                    {let e = field_error(error, "postfach"); move || e.get().map(|m| view! { <p class="field__error" id="postfach-fehler">{m}</p> })}
                    <select id="postfach" name="postfach" aria-describedby="postfach-hinweis postfach-fehler">
                        {c.mailboxes.into_iter().map(|m| view! { <option value=m.id.to_string()>{m.label}</option> }).collect_view()}
                    </select>
                </div>
                {choice(
                    error,
                    ("bereich", "Bereich"),
                    c.areas.into_iter().map(|(id, name)| (id.to_string(), name)).collect(),
                    String::new(),
                )}
                <div class="field">
                    <label for="adressen">"Benachrichtigungsadressen"</label>
                    <p class="field__hint" id="adressen-hinweis">{address_hint}</p>
                    {let e = field_error(error, "adressen"); move || e.get().map(|m| view! { <p class="field__error" id="adressen-fehler">{m}</p> })}
                    <textarea id="adressen" name="adressen" rows="3" aria-describedby="adressen-hinweis adressen-fehler"></textarea>
                </div>
                <button type="submit" class="button">"Position speichern"</button>
            </ActionForm>
        </section>
    }
}

/// The new-order form's field naming the entry a draft restores.
fn restore_field(kind: Kind) -> &'static str {
    match kind {
        Kind::Routing => "eintrag",
        Kind::MailboxSetting => "einstellung",
        Kind::EakteRule => "regel",
    }
}
