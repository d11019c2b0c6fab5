//! Personas and IM groups (the unified contact store behind GetImItemList and
//! GetImItems). The `Persona` and `ImGroup` tables follow the Exchange 2018 schema
//! element by element and were generated from it.

use super::ews_struct;
use crate::types::{EmailAddress, ExtendedProperty, FolderId, ItemId};

ews_struct! {
    /// A `Persona`'s phone number (`PersonaPhoneNumberType`).
    element PersonaPhoneNumber {
        number: "Number" => Option<String>,
        #[serde(rename = "type")]
        type_: "Type" => Option<String>,
    }
}

ews_struct! {
    /// A persona body (`BodyContentType`).
    element BodyContent {
        value: "Value" => Option<String>,
        body_type: "BodyType" => Option<String>,
    }
}

ews_struct! {
    /// A source a persona was merged from (`PersonaAttributionType`).
    element PersonaAttribution {
        id: "Id" => Option<String>,
        source_id: "SourceId" => Option<ItemId>,
        display_name: "DisplayName" => Option<String>,
        is_writable: "IsWritable" => Option<bool>,
        is_quick_contact: "IsQuickContact" => Option<bool>,
        is_hidden: "IsHidden" => Option<bool>,
        folder_id: "FolderId" => Option<FolderId>,
    }
}

macro_rules! attributed {
    ($($name:ident: $wire:literal, $field:ident: $fwire:literal => $ty:ty;)*) => {$(
        ews_struct! {
            #[doc = concat!("`", $wire, "`: a value and the ids of the attributions (sources) it came from.")]
            element $name {
                $field: $fwire => Option<$ty>,
                attributions: "Attributions" => Option<Vec<String>>,
            }
        }
    )*};
}

attributed! {
    StringAttributedValue: "StringAttributedValue", value: "Value" => String;
    StringArrayAttributedValue: "StringArrayAttributedValue", values: "Values" => Vec<String>;
    PhoneNumberAttributedValue: "PhoneNumberAttributedValue", value: "Value" => PersonaPhoneNumber;
    EmailAddressAttributedValue: "EmailAddressAttributedValue", value: "Value" => EmailAddress;
    PostalAddressAttributedValue: "PostalAddressAttributedValue", value: "Value" => PersonaPostalAddress;
    BodyContentAttributedValue: "BodyContentAttributedValue", value: "Value" => BodyContent;
    ExtendedPropertyAttributedValue: "ExtendedPropertyAttributedValue", value: "Value" => ExtendedProperty;
}

ews_struct! {
    /// `ImItemList`: the IM groups and the personas of their members.
    element ImItemList {
        groups: "Groups" => Option<Vec<ImGroup>>,
        personas: "Personas" => Option<Vec<Persona>>,
    }
}

ews_struct! {
    /// A `Persona` (`PersonaType`, every field of the 2018 schema): a person merged
    /// from one or more sources (contacts, directory, IM lists), each listed in
    /// `attributions` and referenced by the `attributions` of every attributed value.
    element Persona {
        persona_id: "PersonaId" => Option<ItemId>,
        persona_type: "PersonaType" => Option<String>,
        persona_object_status: "PersonaObjectStatus" => Option<String>,
        creation_time: "CreationTime" => Option<String>,
        bodies: "Bodies" => Option<Vec<BodyContentAttributedValue>>,
        display_name_first_last_sort_key: "DisplayNameFirstLastSortKey" => Option<String>,
        display_name_last_first_sort_key: "DisplayNameLastFirstSortKey" => Option<String>,
        company_name_sort_key: "CompanyNameSortKey" => Option<String>,
        home_city_sort_key: "HomeCitySortKey" => Option<String>,
        work_city_sort_key: "WorkCitySortKey" => Option<String>,
        display_name_first_last_header: "DisplayNameFirstLastHeader" => Option<String>,
        display_name_last_first_header: "DisplayNameLastFirstHeader" => Option<String>,
        display_name: "DisplayName" => Option<String>,
        display_name_first_last: "DisplayNameFirstLast" => Option<String>,
        display_name_last_first: "DisplayNameLastFirst" => Option<String>,
        file_as: "FileAs" => Option<String>,
        file_as_id: "FileAsId" => Option<String>,
        display_name_prefix: "DisplayNamePrefix" => Option<String>,
        given_name: "GivenName" => Option<String>,
        middle_name: "MiddleName" => Option<String>,
        surname: "Surname" => Option<String>,
        generation: "Generation" => Option<String>,
        nickname: "Nickname" => Option<String>,
        yomi_company_name: "YomiCompanyName" => Option<String>,
        yomi_first_name: "YomiFirstName" => Option<String>,
        yomi_last_name: "YomiLastName" => Option<String>,
        title: "Title" => Option<String>,
        department: "Department" => Option<String>,
        company_name: "CompanyName" => Option<String>,
        location: "Location" => Option<String>,
        email_address: "EmailAddress" => Option<EmailAddress>,
        email_addresses: "EmailAddresses" => Option<Vec<EmailAddress>>,
        phone_number: "PhoneNumber" => Option<PersonaPhoneNumber>,
        im_address: "ImAddress" => Option<String>,
        home_city: "HomeCity" => Option<String>,
        work_city: "WorkCity" => Option<String>,
        relevance_score: "RelevanceScore" => Option<i32>,
        folder_ids: "FolderIds" => Option<Vec<FolderId>>,
        attributions: "Attributions" => Option<Vec<PersonaAttribution>>,
        display_names: "DisplayNames" => Option<Vec<StringAttributedValue>>,
        file_ases: "FileAses" => Option<Vec<StringAttributedValue>>,
        file_as_ids: "FileAsIds" => Option<Vec<StringAttributedValue>>,
        display_name_prefixes: "DisplayNamePrefixes" => Option<Vec<StringAttributedValue>>,
        given_names: "GivenNames" => Option<Vec<StringAttributedValue>>,
        middle_names: "MiddleNames" => Option<Vec<StringAttributedValue>>,
        surnames: "Surnames" => Option<Vec<StringAttributedValue>>,
        generations: "Generations" => Option<Vec<StringAttributedValue>>,
        nicknames: "Nicknames" => Option<Vec<StringAttributedValue>>,
        initials: "Initials" => Option<Vec<StringAttributedValue>>,
        yomi_company_names: "YomiCompanyNames" => Option<Vec<StringAttributedValue>>,
        yomi_first_names: "YomiFirstNames" => Option<Vec<StringAttributedValue>>,
        yomi_last_names: "YomiLastNames" => Option<Vec<StringAttributedValue>>,
        business_phone_numbers: "BusinessPhoneNumbers" => Option<Vec<PhoneNumberAttributedValue>>,
        business_phone_numbers2: "BusinessPhoneNumbers2" => Option<Vec<PhoneNumberAttributedValue>>,
        home_phones: "HomePhones" => Option<Vec<PhoneNumberAttributedValue>>,
        home_phones2: "HomePhones2" => Option<Vec<PhoneNumberAttributedValue>>,
        mobile_phones: "MobilePhones" => Option<Vec<PhoneNumberAttributedValue>>,
        mobile_phones2: "MobilePhones2" => Option<Vec<PhoneNumberAttributedValue>>,
        assistant_phone_numbers: "AssistantPhoneNumbers" => Option<Vec<PhoneNumberAttributedValue>>,
        callback_phones: "CallbackPhones" => Option<Vec<PhoneNumberAttributedValue>>,
        car_phones: "CarPhones" => Option<Vec<PhoneNumberAttributedValue>>,
        home_faxes: "HomeFaxes" => Option<Vec<PhoneNumberAttributedValue>>,
        organization_main_phones: "OrganizationMainPhones" => Option<Vec<PhoneNumberAttributedValue>>,
        other_faxes: "OtherFaxes" => Option<Vec<PhoneNumberAttributedValue>>,
        other_telephones: "OtherTelephones" => Option<Vec<PhoneNumberAttributedValue>>,
        other_phones2: "OtherPhones2" => Option<Vec<PhoneNumberAttributedValue>>,
        pagers: "Pagers" => Option<Vec<PhoneNumberAttributedValue>>,
        radio_phones: "RadioPhones" => Option<Vec<PhoneNumberAttributedValue>>,
        telex_numbers: "TelexNumbers" => Option<Vec<PhoneNumberAttributedValue>>,
        ttytdd_phone_numbers: "TTYTDDPhoneNumbers" => Option<Vec<PhoneNumberAttributedValue>>,
        work_faxes: "WorkFaxes" => Option<Vec<PhoneNumberAttributedValue>>,
        emails1: "Emails1" => Option<Vec<EmailAddressAttributedValue>>,
        emails2: "Emails2" => Option<Vec<EmailAddressAttributedValue>>,
        emails3: "Emails3" => Option<Vec<EmailAddressAttributedValue>>,
        business_home_pages: "BusinessHomePages" => Option<Vec<StringAttributedValue>>,
        personal_home_pages: "PersonalHomePages" => Option<Vec<StringAttributedValue>>,
        office_locations: "OfficeLocations" => Option<Vec<StringAttributedValue>>,
        im_addresses: "ImAddresses" => Option<Vec<StringAttributedValue>>,
        im_addresses2: "ImAddresses2" => Option<Vec<StringAttributedValue>>,
        im_addresses3: "ImAddresses3" => Option<Vec<StringAttributedValue>>,
        business_addresses: "BusinessAddresses" => Option<Vec<PostalAddressAttributedValue>>,
        home_addresses: "HomeAddresses" => Option<Vec<PostalAddressAttributedValue>>,
        other_addresses: "OtherAddresses" => Option<Vec<PostalAddressAttributedValue>>,
        titles: "Titles" => Option<Vec<StringAttributedValue>>,
        departments: "Departments" => Option<Vec<StringAttributedValue>>,
        company_names: "CompanyNames" => Option<Vec<StringAttributedValue>>,
        managers: "Managers" => Option<Vec<StringAttributedValue>>,
        assistant_names: "AssistantNames" => Option<Vec<StringAttributedValue>>,
        professions: "Professions" => Option<Vec<StringAttributedValue>>,
        spouse_names: "SpouseNames" => Option<Vec<StringAttributedValue>>,
        children: "Children" => Option<Vec<StringArrayAttributedValue>>,
        schools: "Schools" => Option<Vec<StringAttributedValue>>,
        hobbies: "Hobbies" => Option<Vec<StringAttributedValue>>,
        wedding_anniversaries: "WeddingAnniversaries" => Option<Vec<StringAttributedValue>>,
        birthdays: "Birthdays" => Option<Vec<StringAttributedValue>>,
        locations: "Locations" => Option<Vec<StringAttributedValue>>,
        inline_links: "InlineLinks" => Option<Vec<StringAttributedValue>>,
        item_link_ids: "ItemLinkIds" => Option<Vec<StringArrayAttributedValue>>,
        has_active_deals: "HasActiveDeals" => Option<String>,
        is_business_contact: "IsBusinessContact" => Option<String>,
        attributed_has_active_deals: "AttributedHasActiveDeals" => Option<Vec<StringAttributedValue>>,
        attributed_is_business_contact: "AttributedIsBusinessContact" => Option<Vec<StringAttributedValue>>,
        source_mailbox_guids: "SourceMailboxGuids" => Option<Vec<StringAttributedValue>>,
        last_contacted_date: "LastContactedDate" => Option<String>,
        extended_properties: "ExtendedProperties" => Option<Vec<ExtendedPropertyAttributedValue>>,
        external_directory_object_id: "ExternalDirectoryObjectId" => Option<String>,
        mapi_entry_id: "MapiEntryId" => Option<String>,
        mapi_email_address: "MapiEmailAddress" => Option<String>,
        mapi_address_type: "MapiAddressType" => Option<String>,
        mapi_search_key: "MapiSearchKey" => Option<String>,
        mapi_transmittable_display_name: "MapiTransmittableDisplayName" => Option<String>,
        mapi_send_rich_info: "MapiSendRichInfo" => Option<bool>,
    }
}

ews_struct! {
    /// An IM group (`ImGroupType`): a contact list of the unified contact store.
    element ImGroup {
        display_name: "DisplayName" => Option<String>,
        group_type: "GroupType" => Option<String>,
        exchange_store_id: "ExchangeStoreId" => Option<ItemId>,
        member_correlation_key: "MemberCorrelationKey" => Option<Vec<ItemId>>,
        extended_properties: "ExtendedProperties" => Option<Vec<ExtendedProperty>>,
        smtp_address: "SmtpAddress" => Option<String>,
    }
}

ews_struct! {
    /// A postal address of a persona (`PersonaPostalAddressType`).
    element PersonaPostalAddress {
        street: "Street" => Option<String>,
        city: "City" => Option<String>,
        state: "State" => Option<String>,
        country: "Country" => Option<String>,
        postal_code: "PostalCode" => Option<String>,
        post_office_box: "PostOfficeBox" => Option<String>,
        type_: "Type" => Option<String>,
        latitude: "Latitude" => Option<f64>,
        longitude: "Longitude" => Option<f64>,
        accuracy: "Accuracy" => Option<f64>,
        altitude: "Altitude" => Option<f64>,
        altitude_accuracy: "AltitudeAccuracy" => Option<f64>,
        formatted_address: "FormattedAddress" => Option<String>,
        location_uri: "LocationUri" => Option<String>,
        location_source: "LocationSource" => Option<String>,
    }
}
