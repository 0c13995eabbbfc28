//! Domain codes as database columns: an enum is stored as its code (`code()`) and read
//! back with `from_code`, so rows carry typed values and no query compares a string
//! literal. An unknown code in the database is an error, not a default.

use crate::domain::kind::Kind;
use crate::domain::mailbox_setting::EmailMode;
use crate::domain::order::{Action, OrderState};
use crate::domain::org::MailboxKind;
use crate::domain::policy::Role;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Encode, Type};

macro_rules! code_column {
    ($($ty:ty),* $(,)?) => {$(
        impl<DB: Database> Type<DB> for $ty
        where
            for<'a> &'a str: Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <&str as Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <&str as Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: Database> Decode<'r, DB> for $ty
        where
            &'r str: Decode<'r, DB>,
        {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
                let code = <&str as Decode<DB>>::decode(value)?;
                <$ty>::from_code(code).ok_or_else(|| {
                    format!("unbekannter Code „{code}“ für {}", stringify!($ty)).into()
                })
            }
        }

        // As an owned String: SQLite's &str binds only for the query's own lifetime.
        impl<'q, DB: Database> Encode<'q, DB> for $ty
        where
            String: Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as Database>::ArgumentBuffer<'q>,
            ) -> Result<IsNull, BoxDynError> {
                <String as Encode<'q, DB>>::encode(self.code().to_owned(), buf)
            }
        }
    )*};
}

code_column!(OrderState, Action, Role, Kind, EmailMode, MailboxKind);

/// `('entwurf', 'eingereicht', …)`: an SQL list of codes, for `IN` where binding a
/// list is not portable. Built from the enum, so it cannot name a state that does not exist.
pub fn sql_list(states: &[OrderState]) -> String {
    let codes: Vec<String> = states.iter().map(|s| format!("'{}'", s.code())).collect();
    format!("({})", codes.join(", "))
}
