//! What the notifications pages and their services exchange (shared by server and browser;
//! imports nothing of either side).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    /// TT.MM.JJJJ HH:MM (Berlin)
    pub at: String,
    pub title: String,
    pub body: String,
    pub link: String,
    pub unread: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub unread: i64,
    pub notifications: Vec<NotificationView>,
}
