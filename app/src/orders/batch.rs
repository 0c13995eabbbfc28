//! The Zentrale's batch order (Sammelauftrag): filed from its directive's page, shown on
//! a page of its own with one order per agency.

use super::{order_href, BatchView};
use crate::error::AppError;
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The batch's page.
pub fn batch_href(number: &str) -> String {
    format!("/sammelauftraege/{number}")
}

/// Files the batch for the directive's central locks (Zentrale only) and goes to it.
#[server(prefix = "/api", endpoint = "sammelauftrag/anlegen")]
pub async fn file_central_lock(
    weisung: String,
    begruendung: String,
    wirksam_ab: String,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let number = crate::services::access::respond(
        crate::services::orders::central_lock::file(&ctx, &weisung, &begruendung, &wirksam_ab)
            .await,
    )?;
    leptos_axum::redirect(&batch_href(&number));
    Ok(number)
}

#[server(prefix = "/api", endpoint = "sammelauftrag")]
pub async fn fetch_batch(nummer: String) -> Result<BatchView, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::orders::central_lock::batch(&ctx, &nummer).await,
    )
}

/// The justification and effective-date fields of a form that files a batch; `prefix`
/// keeps their ids apart from the page's other forms.
#[component]
pub fn BatchHeaderFields(
    prefix: &'static str,
    justification: String,
    today: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let justification_id = format!("{prefix}-begruendung");
    let justification_error = format!("{prefix}-begruendung-fehler");
    let date_id = format!("{prefix}-wirksam");
    let date_error = format!("{prefix}-wirksam-fehler");
    let field = |name: &'static str, id: String| {
        let e = crate::ui::form::field_error(error, name);
        move || {
            e.get()
                .map(|m| view! { <p class="field__error" id=id.clone()>{m}</p> })
        }
    };
    view! {
        <div class="field">
            <label for=justification_id.clone()>"Begründung"</label>
            {field("begruendung", justification_error.clone())}
            <textarea id=justification_id name="begruendung" rows="3"
                aria-describedby=justification_error>{justification}</textarea>
        </div>
        <div class="field">
            <label for=date_id.clone()>"Gewünscht wirksam ab (TT.MM.JJJJ)"</label>
            {field("wirksam_ab", date_error.clone())}
            <input id=date_id name="wirksam_ab" inputmode="numeric" maxlength="10" autocomplete="off"
                aria-describedby=date_error value=today />
        </div>
    }
}

#[component]
pub fn BatchPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || crate::ui::decode_param(&params.read().get("nummer").unwrap_or_default()),
        fetch_batch,
    );
    view! {
        <LoadedPage title="Sammelauftrag" data render=|b: BatchView| view! { <Batch b /> } />
    }
}

#[component]
fn Batch(b: BatchView) -> impl IntoView {
    let title = format!("Sammelauftrag {}", b.number);
    let count = b.orders.len();
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <dl class="facts">
            <dt>"Angelegt"</dt><dd>{format!("{} von {}", b.filed_at, b.author)}</dd>
            {b.directive.clone().map(|(number, name)| view! {
                <dt>"Weisung"</dt>
                <dd><a href=crate::directives::directive_href(&number)>{format!("{number} – {name}")}</a></dd>
            })}
            <dt>"Begründung"</dt><dd>{b.justification.clone()}</dd>
            <dt>"Stand"</dt>
            <dd>{format!("{} von {count} Aufträgen umgesetzt.", b.implemented)}</dd>
        </dl>
        <p>"Je Agentur ein Auftrag, den das RIM ihrer Regionaldirektion umsetzt."</p>
        {(b.hidden > 0).then(|| view! {
            <p class="notice" role="note">{format!("{} weitere Aufträge dieses Sammelauftrags liegen außerhalb Ihres Bereichs.", b.hidden)}</p>
        })}
        <table>
            <caption>"Aufträge des Sammelauftrags"</caption>
            <thead><tr>
                <th scope="col">"Nummer"</th><th scope="col">"Agentur"</th>
                <th scope="col">"Regionaldirektion"</th><th scope="col">"Status"</th>
                <th scope="col" class="num">"Positionen"</th>
            </tr></thead>
            <tbody>
                {b.orders.into_iter().map(|o| view! {
                    <tr>
                        <th scope="row"><a href=order_href(&o.number)>{o.number.clone()}</a></th>
                        <td>{o.agency}</td>
                        <td>{o.region}</td>
                        <td>{o.state_label}</td>
                        <td class="num">{o.items}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
