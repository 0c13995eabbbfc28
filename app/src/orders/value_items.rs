//! The order page's table of items of one kind with a single field (E-Mail-Kommunikation,
//! eAkte-Regelwerk): the live and the proposed value, the base version, and (while the
//! order is editable) a button that removes the item.

use super::{RemoveKindItem, ValueItemView};
use crate::domain::kind::Kind;
use leptos::prelude::*;

#[component]
pub fn ValueItems(
    kind: Kind,
    /// The table's caption.
    caption: &'static str,
    /// The heading of the column that names the entry.
    subject: &'static str,
    items: Vec<ValueItemView>,
    editable: bool,
    number: String,
    revision: String,
    remove: ServerAction<RemoveKindItem>,
) -> impl IntoView {
    if items.is_empty() {
        return ().into_any();
    }
    view! {
        <table>
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{subject}</th><th scope="col">"Gültig"</th>
                <th scope="col">"Neu"</th><th scope="col">"Grundlage"</th>
            </tr></thead>
            <tbody>
                {items.into_iter().map(|i| {
                    let label = i.subject.clone();
                    let (number, revision) = (number.clone(), revision.clone());
                    view! {
                        <tr>
                            <th scope="row">{i.subject.clone()}
                                {editable.then(|| view! {
                                    <ActionForm action=remove>
                                        <input type="hidden" name="nummer" value=number />
                                        <input type="hidden" name="revision" value=revision />
                                        <input type="hidden" name="art" value=kind.code() />
                                        <input type="hidden" name="position" value=i.id.to_string() />
                                        <button type="submit" class="button button--small">
                                            "Entfernen"<span class="visually-hidden">{format!(": {label}")}</span>
                                        </button>
                                    </ActionForm>
                                })}
                            </th>
                            <td><del>{i.before.clone()}</del></td>
                            <td>{if i.unchanged {
                                view! { "keine Änderung mehr gegenüber der gültigen Version" }.into_any()
                            } else {
                                view! { <ins>{i.after.clone()}</ins> }.into_any()
                            }}</td>
                            <td>{format!("Version {}", i.base_version)}
                                {i.stale.then(|| view! { <br /><strong class="warning">{format!("veraltet – gültig ist Version {}", i.live_version)}</strong> })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
