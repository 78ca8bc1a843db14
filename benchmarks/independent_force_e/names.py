"""Made-up reference lists: names, places and streets for the fictional Fellmoor county.

None of these refer to real people or real cases; first names and surnames are common
British names combined at random, place names are invented for a fictional county.
"""

FORENAMES_F = [
    "Abbie", "Aimee", "Alison", "Amber", "Amy", "Andrea", "Angela", "Beth", "Bethany",
    "Bryony", "Caitlin", "Carla", "Caroline", "Casey", "Charlotte", "Chelsea", "Chloe",
    "Claire", "Courtney", "Danielle", "Dawn", "Demi", "Donna", "Eleanor", "Ellie", "Emma",
    "Erin", "Faye", "Gemma", "Georgia", "Hannah", "Hayley", "Heather", "Holly", "Jade",
    "Jasmine", "Jenna", "Jessica", "Jodie", "Julie", "Kara", "Karen", "Katie", "Kayleigh",
    "Kelly", "Kerry", "Kirsty", "Laura", "Lauren", "Leah", "Leanne", "Lindsey", "Lisa",
    "Lucy", "Lydia", "Megan", "Melissa", "Mia", "Michelle", "Molly", "Nadia", "Naomi",
    "Natalie", "Nicola", "Olivia", "Paige", "Rachel", "Rebecca", "Rhiannon", "Rosie",
    "Ruby", "Samantha", "Sarah", "Shannon", "Sophie", "Stacey", "Stephanie", "Tanya",
    "Tara", "Tegan", "Toni", "Tracey", "Vicky", "Zoe", "Agnieszka", "Ioana", "Priya",
    "Aisha", "Sadia", "Marta",
]

FORENAMES_M = [
    "Aaron", "Adam", "Alan", "Alex", "Andrew", "Anthony", "Ben", "Bradley", "Callum",
    "Carl", "Chris", "Connor", "Craig", "Dale", "Daniel", "Darren", "David", "Dean",
    "Declan", "Dominic", "Ellis", "Gareth", "Gary", "Graham", "Harry", "Ian", "Jack",
    "Jake", "James", "Jamie", "Jason", "Joe", "Jordan", "Josh", "Karl", "Keith", "Kevin",
    "Kieran", "Lee", "Leon", "Liam", "Luke", "Mark", "Martin", "Matthew", "Michael",
    "Nathan", "Neil", "Nick", "Owen", "Paul", "Peter", "Phil", "Reece", "Richard", "Rob",
    "Ross", "Ryan", "Scott", "Sean", "Shane", "Simon", "Stephen", "Stuart", "Terry", "Tom",
    "Tony", "Tyler", "Wayne", "Will", "Tomasz", "Adrian", "Imran", "Marius",
]

SURNAMES = [
    "ACKROYD", "ALDERSON", "APPLEBY", "ARMSTRONG", "ATKINSON", "BAINBRIDGE", "BARKER",
    "BARTON", "BECKWITH", "BELL", "BIRKETT", "BLACKBURN", "BOWES", "BRADLEY", "BRAITHWAITE",
    "BRIGGS", "BROWN", "BURNS", "CALVERT", "CARR", "CHAPMAN", "CLARK", "CLEGG", "COATES",
    "COLLINSON", "COOPER", "COWELL", "CROSSLEY", "DALTON", "DAWSON", "DENT", "DIXON",
    "DOBSON", "DOWSON", "DUNN", "EASTWOOD", "ELLIS", "FAIRBURN", "FAWCETT", "FENWICK",
    "FIRTH", "FLETCHER", "FOSTER", "GARBUTT", "GIBSON", "GILL", "GRAHAM", "GREEN",
    "HALL", "HARDCASTLE", "HARGREAVES", "HARRISON", "HEBDEN", "HESLOP", "HILL", "HODGSON",
    "HOLLIS", "HORNER", "HUDSON", "HUTCHINSON", "IVESON", "JACKSON", "JOHNSON", "KAY",
    "KIRKBY", "KNOWLES", "LAMBERT", "LAWSON", "LEEMING", "LISTER", "MARSDEN", "MASON",
    "METCALFE", "MILNER", "MOORE", "MORRIS", "NELSON", "NEWTON", "NICHOLSON", "OLDROYD",
    "OUTHWAITE", "PARKER", "PEACOCK", "PICKERING", "POTTER", "PRESTON", "RAINE",
    "RAWLINSON", "REDMAN", "RHODES", "RICHARDSON", "ROBINSON", "ROWLEY", "RUSHWORTH",
    "SANDERSON", "SCAIFE", "SHAW", "SIMPSON", "SLATER", "SMITH", "SOWERBY", "SPENCER",
    "STEPHENSON", "STOREY", "SUGDEN", "SUMMERS", "SUTCLIFFE", "SWALES", "TAYLOR",
    "TEASDALE", "THOMPSON", "THWAITES", "TOWNEND", "TURNER", "WADDINGTON", "WALKER",
    "WARD", "WATSON", "WESTGARTH", "WHITAKER", "WILKINSON", "WILSON", "WOOD", "WRIGHT",
    "YOUNG", "NOWAK", "KOWALSKI", "POPESCU", "KHAN", "HUSSAIN", "PATEL", "OKAFOR",
]

STREETS = [
    "Mill Lane", "Church Street", "Back Lane", "Station Road", "Moor Road", "Beck Side",
    "High Street", "Chapel Row", "Fell View", "Market Place", "Ings Lane", "Garth Close",
    "Town End", "Quarry Lane", "Priory Walk", "Sandholme Road", "Ash Grove", "Westgate",
    "Eastgate", "Bridge Street", "Tannery Yard", "Shore Road", "Harbour Terrace",
    "Dale View", "Hawthorn Crescent", "Green Lane", "Low Row", "Top Road", "Carr Lane",
    "Riverside Court", "Orchard Way", "Wold View", "Pinfold Lane", "Croft Close",
    "Foundry Street", "Saltings Way", "Holme Road", "Kirkgate", "Scar Lane", "Gill Bank",
]

# district name, code, population weight, neighbourhood beats (towns and village groups)
DISTRICTS = [
    ("Kirkby Fell", "KF", 0.28, ["Kirkby Fell Town", "Kirkby Fell North", "Upper Dale",
                                 "Fellgate and Scarth", "Brantwick Villages", "Ousby Moor"]),
    ("Eastholme", "EH", 0.24, ["Eastholme Central", "Eastholme Riverside", "Holmebridge",
                               "Thornby Wolds", "Carlby and Meer"]),
    ("Saltmarsh Coast", "SM", 0.18, ["Marshby Seafront", "Marshby Town", "Saltcote",
                                     "Wrayness", "Fleetholme Marsh"]),
    ("Wendlow Vale", "WV", 0.16, ["Wendlow Market", "Aldwick", "Cressing Vale",
                                  "Hobden Fields"]),
    ("Harrowby Moors", "HB", 0.14, ["Harrowby", "Stainmoor", "Gillthwaite",
                                    "Keldhead Edge"]),
]

TOWN_OF_BEAT = {}
for _d in DISTRICTS:
    for _b in _d[3]:
        TOWN_OF_BEAT[_b] = _b.replace(" Villages", "").replace(" Central", "") \
            .replace(" Town", "").replace(" North", "").replace(" Seafront", "") \
            .replace(" Riverside", "").split(" and ")[0]
