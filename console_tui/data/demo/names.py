"""Word lists and reference data for the demo agency (console_tui.data.demo.build).

Plain data only: names, addresses per country, content titles and the plan ladder's names.
(The utilization catalogue is :data:`console_tui.domain.utilization.DEFAULT_ACTIVITIES`.)
Phone numbers use ranges reserved for fiction (555-01xx, 020 7946 0xxx …) and every web
address ends in the reserved ``.example`` domain.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Ada", "Alex", "Amara", "Ana", "Ben", "Bianca", "Carlos", "Chen", "Chloe", "Daniel", "Dara",
    "David", "Elena", "Emma", "Farah", "Felix", "Grace", "Hannah", "Hugo", "Ines", "Isaac", "Jack",
    "Jamal", "Jana", "José", "Julia", "Kai", "Kenji", "Laura", "Leo", "Lina", "Lucas", "Maya",
    "Mei", "Mia", "Nadia", "Noah", "Olivia", "Omar", "Priya", "Rafael", "Rosa", "Ruth", "Sam",
    "Sara", "Sofia", "Tariq", "Theo", "Uma", "Victor", "Wen", "Yara", "Yusuf", "Zoë", "Aoife",
    "Björn", "Chiara", "Dmitri", "Esme", "Finn",
)
LAST_NAMES = (
    "Adams", "Ahmed", "Alvarez", "Bauer", "Becker", "Brown", "Byrne", "Carter", "Chen", "Clarke",
    "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Gomez", "Gupta", "Hall", "Hansen", "Hughes",
    "Ito", "Jansen", "Johnson", "Kelly", "Khan", "Kim", "Kowalski", "Lee", "Lopez", "Martin",
    "Meyer", "Moreau", "Murphy", "Nguyen", "Novak", "Okafor", "Olsen", "Patel", "Pereira", "Quinn",
    "Reyes", "Rossi", "Santos", "Schmidt", "Silva", "Singh", "Smith", "Tanaka", "Taylor", "Thomas",
    "Turner", "Van Dijk", "Wagner", "Walsh", "Wang", "Weber", "Williams", "Wilson", "Young", "Zhang",
)
COMPANY_FIRST = (
    "Blue", "Bright", "Cedar", "Copper", "Crystal", "Golden", "Granite", "Green", "Harbor", "Hidden",
    "Iron", "Lighthouse", "Maple", "Meadow", "Silver", "North", "Oak", "Orchard", "Pine", "Red",
    "River", "Rocky", "Sage", "Stone", "Summit", "Sunny", "True", "Urban", "Valley", "West",
    "Willow", "Wild", "Atlas", "Beacon", "Cobalt", "Evergreen", "Juniper", "Lunar", "Nova", "Pioneer",
)
COMPANY_SECOND = (
    "Arrow", "Bay", "Bridge", "Brook", "Canyon", "Crest", "Field", "Forge", "Fox", "Gate", "Grove",
    "Hill", "Lake", "Leaf", "Line", "Mill", "Peak", "Point", "Ridge", "Rock", "Shore", "Sky",
    "Spring", "Star", "Tide", "Trail", "Wave", "Wing", "Wood", "Works",
)
INDUSTRIES = (
    "Bakery", "Dental", "Fitness", "Roofing", "Law", "Realty", "Accounting", "Coffee", "Outfitters",
    "Plumbing", "Veterinary", "Florist", "Landscaping", "Insurance", "Logistics", "Software",
    "Consulting", "Brewing", "Design", "Media", "Travel", "Clinic", "Auto Repair", "Solar",
    "Furniture", "Pet Supplies", "Yoga", "Catering", "Cycles", "Studio",
)
#: Names that prove user text stays data; a few demos carry them.
ODD_NAMES = ("[b]ACME[/b] Widgets", "Smith & Sons <Roofing>", "100% Organic Co.")

# country -> (legal suffixes, street format, streets, cities)
# city = (city, state/province, postal pattern, tax rate %, phone pattern); "#" digit, "@" letter.
COUNTRIES: dict[str, tuple[tuple[str, ...], str, tuple[str, ...], tuple[tuple[str, str, str, str, str], ...]]] = {
    "US": (("LLC", "Inc.", "Co."), "{n} {s}",
           ("Main Street", "Oak Avenue", "Market Street", "Elm Street", "Park Avenue", "2nd Street", "Lake Drive"),
           (("Austin", "TX", "787##", "8.25", "+1 512 555 01##"),
            ("Denver", "CO", "802##", "8.81", "+1 303 555 01##"),
            ("Portland", "OR", "972##", "0", "+1 503 555 01##"),
            ("Chicago", "IL", "606##", "10.25", "+1 312 555 01##"),
            ("Brooklyn", "NY", "112##", "8.875", "+1 718 555 01##"),
            ("Raleigh", "NC", "276##", "7.25", "+1 919 555 01##"),
            ("San Diego", "CA", "921##", "7.75", "+1 619 555 01##"),
            ("Boston", "MA", "021##", "6.25", "+1 617 555 01##"))),
    "GB": (("Ltd", "Ltd", "LLP"), "{n} {s}",
           ("High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane", "King Street"),
           (("London", "Greater London", "EC1A #@@", "20", "+44 20 7946 0###"),
            ("Manchester", "Greater Manchester", "M1 #@@", "20", "+44 161 496 0###"),
            ("Bristol", "Bristol", "BS1 #@@", "20", "+44 117 496 0###"),
            ("Edinburgh", "Scotland", "EH1 #@@", "20", "+44 131 496 0###"))),
    "DE": (("GmbH", "GmbH", "KG"), "{s} {n}",
           ("Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schulstraße", "Lindenallee"),
           (("Berlin", "Berlin", "101##", "19", "+49 30 2309 1###"),
            ("München", "Bayern", "803##", "19", "+49 89 1234 5###"),
            ("Hamburg", "Hamburg", "200##", "19", "+49 40 8899 7###"))),
    "FR": (("SARL", "SAS"), "{n} {s}",
           ("rue de la Paix", "avenue Victor Hugo", "rue du Moulin", "boulevard Voltaire"),
           (("Paris", "Île-de-France", "750##", "20", "+33 1 99 00 0# ##"),
            ("Lyon", "Auvergne-Rhône-Alpes", "6900#", "20", "+33 4 99 00 0# ##"))),
    "CA": (("Inc.", "Ltd."), "{n} {s}",
           ("King Street West", "Granville Street", "Rue Sainte-Catherine", "Jasper Avenue"),
           (("Toronto", "ON", "M5V #@#", "13", "+1 416 555 01##"),
            ("Vancouver", "BC", "V6B #@#", "12", "+1 604 555 01##"),
            ("Montréal", "QC", "H2X #@#", "14.98", "+1 514 555 01##"))),
    "AU": (("Pty Ltd",), "{n} {s}",
           ("George Street", "Collins Street", "Queen Street", "Hay Street"),
           (("Sydney", "NSW", "2000", "10", "+61 2 5550 ####"),
            ("Melbourne", "VIC", "3000", "10", "+61 3 5550 ####"),
            ("Brisbane", "QLD", "4000", "10", "+61 7 5550 ####"))),
    "NZ": (("Ltd",), "{n} {s}",
           ("Queen Street", "Lambton Quay", "Cuba Street"),
           (("Auckland", "Auckland", "1010", "15", "+64 9 555 0###"),
            ("Wellington", "Wellington", "6011", "15", "+64 4 555 0###"))),
    "IE": (("Ltd", "DAC"), "{n} {s}",
           ("Grafton Street", "Patrick Street", "Main Street"),
           (("Dublin", "County Dublin", "D02 @###", "23", "+353 1 555 0###"),
            ("Cork", "County Cork", "T12 @###", "23", "+353 21 555 0###"))),
    "NL": (("B.V.",), "{s} {n}",
           ("Damrak", "Prinsengracht", "Coolsingel", "Oudegracht"),
           (("Amsterdam", "Noord-Holland", "1012 @@", "21", "+31 20 555 0###"),
            ("Rotterdam", "Zuid-Holland", "3011 @@", "21", "+31 10 555 0###"))),
    "ES": (("S.L.", "S.A."), "{s}, {n}",
           ("Calle Mayor", "Gran Vía", "Paseo de Gracia", "Calle de Alcalá"),
           (("Madrid", "Comunidad de Madrid", "280##", "21", "+34 91 555 0###"),
            ("Barcelona", "Cataluña", "080##", "21", "+34 93 555 0###"))),
    "BR": (("Ltda",), "{s}, {n}",
           ("Avenida Paulista", "Rua Augusta", "Rua das Flores"),
           (("São Paulo", "SP", "01###-000", "0", "+55 11 5555 0###"),
            ("Curitiba", "PR", "80###-000", "0", "+55 41 5555 0###"))),
    "ZA": (("(Pty) Ltd",), "{n} {s}",
           ("Long Street", "Jan Smuts Avenue", "Florida Road"),
           (("Cape Town", "Western Cape", "8001", "15", "+27 21 555 0###"),
            ("Johannesburg", "Gauteng", "2196", "15", "+27 11 555 0###"))),
}
#: Country weights (per 100 clients).
COUNTRY_WEIGHTS = {"US": 44, "GB": 12, "DE": 6, "FR": 4, "CA": 8, "AU": 8, "NZ": 3, "IE": 3,
                   "NL": 4, "ES": 3, "BR": 3, "ZA": 2}

CONTENT_TYPES = ("email", "landing_page", "form", "blog_post", "automation", "social_post")
CONTENT_TITLES = {
    "email": ("Spring Newsletter", "Welcome Series #1", "Black Friday Teaser", "Product Update",
              "Customer Survey Invite", "Webinar Reminder", "Holiday Hours"),
    "landing_page": ("Free Consultation", "Summer Sale", "Download the Guide", "Book a Demo",
                     "Event Registration", "Partner Program"),
    "form": ("Contact Us", "Newsletter Signup", "Quote Request", "Event RSVP", "Feedback Form"),
    "blog_post": ("10 Tips for Spring", "How We Work", "Meet the Team", "Year in Review",
                  "Choosing the Right Plan", "Behind the Scenes"),
    "automation": ("Lead Nurture", "Abandoned Cart", "Re-engagement", "Onboarding Drip",
                   "Birthday Greetings"),
    "social_post": ("Launch Announcement", "Customer Story", "Weekly Tip", "Hiring Post"),
}
CAMPAIGN_NAMES = ("Monthly Newsletter", "Weekly Offers", "Product Launch", "Flash Sale",
                  "Event Invitation", "Customer Update", "Seasonal Promotion", "Webinar Invite",
                  "New Arrivals", "Loyalty Rewards")
CLIENT_USER_ROLES = ("Admin", "User", "User", "Marketer", "Sales Rep", "User")

AGENCY_NAME = "Brightwave Digital"
AGENCY_DOMAIN = "brightwave.example"

#: The plan ladder (R-CAP-3): five rungs, each doubling clients, team members and storage.
PLAN_NAMES = ("Starter", "Growth", "Professional", "Business", "Enterprise")
