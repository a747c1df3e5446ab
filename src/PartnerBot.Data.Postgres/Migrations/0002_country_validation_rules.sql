-- Billing address rules per country, in the shape Partner Center serves at
-- GET /v1/countryvalidationrules/{iso2}. Regexes are .NET patterns, anchored, matched against the trimmed value.
-- Phone numbers: Poland's pattern is exact (nine digits, optional +48); elsewhere a lenient international
-- pattern, because a stricter per-country check belongs to a phone-number library, not to a regex.
-- State lists exist where Partner Center checks the state against a list (US and Canada here).

INSERT INTO country_validation_rules
    (country_code, is_city_required, is_state_required, is_postal_code_required, is_phone_number_required,
     postal_code_regex, phone_number_regex, supported_states, supported_cultures, supported_languages, default_culture)
VALUES
    ('PL', 1, 0, 1, 1, '^\d{2}-\d{3}$', '^(\+48[ -]?)?(\d[ -]?){8}\d$',
     '[]', '["pl-PL","en-US"]', '["pl","en"]', 'pl-PL'),
    ('DE', 1, 0, 1, 0, '^\d{5}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["de-DE","en-US"]', '["de","en"]', 'de-DE'),
    ('GB', 1, 0, 1, 0, '^(GIR ?0AA|[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2})$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["en-GB"]', '["en"]', 'en-GB'),
    ('US', 1, 1, 1, 0, '^\d{5}(-\d{4})?$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '["AL","AK","AZ","AR","CA","CO","CT","DE","DC","FL","GA","HI","ID","IL","IN","IA","KS","KY","LA","ME","MD","MA","MI","MN","MS","MO","MT","NE","NV","NH","NJ","NM","NY","NC","ND","OH","OK","OR","PA","RI","SC","SD","TN","TX","UT","VT","VA","WA","WV","WI","WY","PR"]',
     '["en-US"]', '["en"]', 'en-US'),
    ('CA', 1, 1, 1, 0, '^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '["AB","BC","MB","NB","NL","NS","NT","NU","ON","PE","QC","SK","YT"]',
     '["en-CA","fr-CA"]', '["en","fr"]', 'en-CA'),
    ('FR', 1, 0, 1, 0, '^\d{5}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["fr-FR","en-US"]', '["fr","en"]', 'fr-FR'),
    ('IN', 1, 0, 1, 1, '^\d{6}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["en-IN","hi-IN"]', '["en","hi"]', 'en-IN'),
    ('BR', 1, 0, 1, 1, '^\d{5}-?\d{3}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["pt-BR","en-US"]', '["pt","en"]', 'pt-BR'),
    ('ES', 1, 0, 1, 0, '^\d{5}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["es-ES","ca-ES","en-US"]', '["es","ca","en"]', 'es-ES'),
    ('IT', 1, 0, 1, 0, '^\d{5}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["it-IT","en-US"]', '["it","en"]', 'it-IT'),
    ('NL', 1, 0, 1, 0, '^\d{4} ?[A-Za-z]{2}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["nl-NL","en-US"]', '["nl","en"]', 'nl-NL'),
    ('AT', 1, 0, 1, 0, '^\d{4}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["de-AT","en-US"]', '["de","en"]', 'de-AT'),
    ('CH', 1, 0, 1, 0, '^\d{4}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["de-CH","fr-CH","it-CH","en-US"]', '["de","fr","it","en"]', 'de-CH'),
    ('CZ', 1, 0, 1, 0, '^\d{3} ?\d{2}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["cs-CZ","en-US"]', '["cs","en"]', 'cs-CZ'),
    ('IE', 1, 0, 0, 0, '^[A-Za-z]\d[\dWw] ?[A-Za-z\d]{4}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["en-IE"]', '["en"]', 'en-IE'),
    ('TR', 1, 0, 1, 1, '^\d{5}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["tr-TR","en-US"]', '["tr","en"]', 'tr-TR'),
    ('UA', 1, 0, 1, 1, '^\d{5}$', '^\+?[0-9][0-9 ()/-]{5,24}$',
     '[]', '["uk-UA","en-US"]', '["uk","en"]', 'uk-UA');
