//! The notifications page: newest first, unread marked, each one or all marked read.

use super::{fetch_notifications, Inbox, MarkNotificationsRead, NotificationView};
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let data = Resource::new(move || mark.version().get(), |_| fetch_notifications());
    view! {
        <LoadedPage title="Benachrichtigungen" data render=move |inbox: Inbox| view! { <Notifications inbox mark /> } />
    }
}

#[component]
fn Notifications(inbox: Inbox, mark: ServerAction<MarkNotificationsRead>) -> impl IntoView {
    let summary = match inbox.unread {
        0 => "Keine ungelesenen Benachrichtigungen.".to_string(),
        1 => "1 ungelesene Benachrichtigung.".to_string(),
        n => format!("{n} ungelesene Benachrichtigungen."),
    };
    view! {
        <h1>"Benachrichtigungen"</h1>
        <p role="status">{summary}</p>
        {(inbox.unread > 0).then(|| view! {
            <ActionForm action=mark attr:class="action-form">
                <button type="submit" class="button button--secondary">"Alle als gelesen markieren"</button>
            </ActionForm>
        })}
        {if inbox.notifications.is_empty() {
            view! { <p>"Hier erscheinen neue Aufträge zur Prüfung, Entscheidungen über Ihre Aufträge und Fristerinnerungen."</p> }.into_any()
        } else {
            view! {
                <ul class="notifications">
                    {inbox.notifications.into_iter().map(|n| view! { <NotificationItem n mark /> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn NotificationItem(
    n: NotificationView,
    mark: ServerAction<MarkNotificationsRead>,
) -> impl IntoView {
    let class = if n.unread {
        "notification notification--unread"
    } else {
        "notification"
    };
    view! {
        <li class=class>
            <h2 class="notification__title">
                {n.unread.then(|| view! { <span class="status status--offen">"neu"</span> " " })}
                {n.title.clone()}
            </h2>
            <p class="small">{n.at.clone()}</p>
            <p>{n.body.clone()}</p>
            <p>
                <a href=n.link.clone()>{format!("Zum Vorgang: {}", n.title)}</a>
            </p>
            {n.unread.then(|| view! {
                <ActionForm action=mark attr:class="inline-form">
                    <input type="hidden" name="id" value=n.id.to_string() />
                    <button type="submit" class="button button--small button--secondary">"Als gelesen markieren"</button>
                </ActionForm>
            })}
        </li>
    }
}
