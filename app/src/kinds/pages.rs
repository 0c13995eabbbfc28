//! The kinds page: each configuration kind with its workflow; the Zentrale changes it.

use super::{fetch_kind_settings, KindSetting, KindSettings, SetKindReview};
use crate::domain::kind::Review;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::action_error;
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;

#[component]
pub fn KindsPage() -> impl IntoView {
    let set = ServerAction::<SetKindReview>::new();
    let data = Resource::new(move || set.version().get(), |_| fetch_kind_settings());
    view! {
        <LoadedPage title="Konfigurationsarten" data render=move |s: KindSettings| view! { <Kinds s set /> } />
    }
}

#[component]
fn Kinds(s: KindSettings, set: ServerAction<SetKindReview>) -> impl IntoView {
    let error = action_error(set.value());
    let saved = move || set.value().get().is_some_and(|r| r.is_ok());
    view! {
        <h1>"Konfigurationsarten"</h1>
        <p>
            "Ein Änderungsauftrag kann Einträge mehrerer Arten enthalten. Je Art legt die Zentrale fest, "
            "ob eine Regionaldirektion den Auftrag prüft, bevor RIM ihn umsetzt. Das Vier-Augen-Prinzip gilt "
            "immer: Wer einen Auftrag angelegt hat, kann ihn weder entscheiden noch umsetzen. Eingereichte "
            "Aufträge behalten den Ablauf, mit dem sie eingereicht wurden."
        </p>
        {move || error.get().map(|error| view! { <ErrorSummary error /> })}
        {move || saved().then(|| view! { <p class="notice notice--success" role="status">"Der Ablauf ist gespeichert."</p> })}
        {s.kinds.into_iter().map(|k| view! { <KindPanel k can_change=s.can_change set /> }).collect_view()}
    }
}

#[component]
fn KindPanel(k: KindSetting, can_change: bool, set: ServerAction<SetKindReview>) -> impl IntoView {
    let heading = format!("art-{}", k.code);
    let labelled_by = heading.clone();
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h2 id=heading>{k.label.clone()}</h2>
            {if can_change {
                view! {
                    <ActionForm action=set>
                        <input type="hidden" name="art" value=k.code.clone() />
                        <fieldset class="field">
                            <legend>"Ablauf nach dem Einreichen"</legend>
                            {Review::ALL.into_iter().map(|r| {
                                let id = format!("pruefung-{}-{}", k.code, r.code());
                                view! {
                                    <div class="field--check">
                                        <input type="radio" id=id.clone() name="pruefung" value=r.code() checked=k.review == r.code() />
                                        <label for=id>{r.label()}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                        <button type="submit" class="button">"Ablauf speichern"</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! { <p>"Ablauf nach dem Einreichen: "{k.review_label.clone()}</p> }.into_any()
            }}
        </section>
    }
}
