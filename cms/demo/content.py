"""The demo county's catalogue, library and courses: text only, read by cms/demo/pages.py."""

TOPICS = [
    (
        "online-safety",
        "Online safety",
        "Gaming, social media, sharing images, online grooming and scams.",
    ),
    (
        "knife-crime",
        "Knife crime",
        "Why young people carry knives, the law, and what happens after a stabbing.",
    ),
    (
        "exploitation",
        "County lines and exploitation",
        "How gangs and adults groom children to carry drugs, money or weapons.",
    ),
    (
        "healthy-relationships",
        "Healthy relationships",
        "Friendship, consent, respect and spotting controlling behaviour.",
    ),
    ("drugs-alcohol", "Drugs and alcohol", "Vapes, cannabis, alcohol and making safer choices."),
    (
        "anti-social-behaviour",
        "Anti-social behaviour",
        "What counts, how it affects others, and the consequences.",
    ),
]

# name, kind, website
PARTNERS = [
    ("Westshire Police", "police", "https://www.westshire.police.example/"),
    (
        "Westshire School Nursing Service (NHS)",
        "nhs",
        "https://schoolnursing.westshire-nhs.example/",
    ),
    (
        "Westshire County Council Youth Service",
        "council",
        "https://www.westshire.gov.example/youth",
    ),
    (
        "Westshire Education Safeguarding Team",
        "education",
        "https://www.westshire.gov.example/safeguarding-in-education",
    ),
    ("Safer Streets Westshire", "charity", "https://www.saferstreets-westshire.example/"),
    ("The Harbour Project", "charity", "https://www.harbourproject.example/"),
]

POLICE, NHS, COUNCIL, EDUCATION, SAFER_STREETS, HARBOUR = (name for name, _k, _w in PARTNERS)


def ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


# Each session: slug, title, format, min_year, max_year, minutes, max audience,
# partner, topics, summary, outcomes, preparation, content warnings, RSHE themes,
# follow-up resource slugs, review overdue (shows in the review report).
SESSIONS = [
    {
        "slug": "knife-crime-the-real-consequences",
        "title": "Knife crime: the real consequences",
        "format": "assembly",
        "min_year": 9,
        "max_year": 11,
        "duration_minutes": 50,
        "max_audience": 300,
        "partner": POLICE,
        "topics": ["knife-crime"],
        "summary": "A schools officer and a trauma nurse talk through one night in Westshire: "
        "why a teenager picked up a knife, what happened next, and who was left to cope.",
        "learning_outcomes": ul(
            "Know that carrying a knife is a crime, whatever the reason.",
            "Understand that carrying a knife makes you more likely to be hurt, not less.",
            "Know how to report worries about weapons anonymously through Fearless or Crimestoppers.",
        ),
        "preparation": ul(
            "A hall with a projector, screen and sound.",
            "At least one member of staff for every 60 pupils, and the designated safeguarding lead available afterwards.",
            "Tell parents the week before (we give you a letter to send).",
        ),
        "content_warnings": "Describes a fatal stabbing and its effect on the family. No graphic images. "
        "Pupils who have been affected by violence should be told beforehand and may sit out.",
        "rshe_themes": ["being_safe", "respectful_relationships"],
        "resources": [
            "knife-crime-the-facts",
            "carrying-a-knife-does-not-make-you-safer",
            "lesson-plan-knife-crime",
        ],
    },
    {
        "slug": "being-smart-online-ks2",
        "title": "Being smart online",
        "format": "assembly",
        "min_year": 3,
        "max_year": 6,
        "duration_minutes": 30,
        "max_audience": 250,
        "partner": POLICE,
        "topics": ["online-safety"],
        "summary": "A lively assembly about games, chat and videos: what to keep private, how to "
        "spot a trick, and why telling a grown-up is always the right thing to do.",
        "learning_outcomes": ul(
            "Know what personal information is and keep it private.",
            "Know that people online are not always who they say they are.",
            "Name a trusted adult at home and at school they can tell.",
        ),
        "preparation": ul(
            "A hall with a projector and screen.", "Class teachers stay with their classes."
        ),
        "content_warnings": "",
        "rshe_themes": ["online_relationships", "internet_safety", "being_safe"],
        "resources": ["gaming-chat-staying-safe", "what-to-do-if-something-online-worries-you"],
    },
    {
        "slug": "sharing-images-the-law-and-where-to-get-help",
        "title": "Sharing nudes: the law and where to get help",
        "format": "workshop",
        "min_year": 9,
        "max_year": 11,
        "duration_minutes": 60,
        "max_audience": 32,
        "partner": POLICE,
        "topics": ["online-safety", "healthy-relationships"],
        "summary": "A calm, frank classroom workshop on image sharing, pressure and sextortion, and "
        "how young people can get images taken down with Report Remove.",
        "learning_outcomes": ul(
            "Understand what the law says about making and sharing sexual images of under-18s.",
            "Recognise pressure and sextortion, and know it is never the victim's fault.",
            "Know how to use Childline and the Internet Watch Foundation's Report Remove tool.",
        ),
        "preparation": ul(
            "A classroom with a projector; groups of one class at a time.",
            "The class teacher present throughout, and a quiet space for any pupil who needs it.",
        ),
        "content_warnings": "Discusses sexual images, coercion and blackmail. No images are shown.",
        "rshe_themes": ["online_media", "intimate_relationships", "being_safe", "internet_safety"],
        "resources": ["sharing-nudes-what-the-law-says"],
    },
    {
        "slug": "whos-really-there-online-grooming",
        "title": "Who's really there? Understanding online grooming",
        "format": "workshop",
        "min_year": 6,
        "max_year": 8,
        "duration_minutes": 60,
        "max_audience": 32,
        "partner": POLICE,
        "topics": ["online-safety", "exploitation"],
        "summary": "Pupils follow a made-up chat between a Year 7 pupil and a new online friend, "
        "and spot the moments the friendship turns into grooming.",
        "learning_outcomes": ul(
            "Recognise the stages of online grooming: flattery, secrets, gifts and pressure.",
            "Know how to block and report, and that they will not be in trouble for telling.",
            "Know how to report to CEOP.",
        ),
        "preparation": ul("A classroom with a projector.", "The class teacher present throughout."),
        "content_warnings": "Discusses online grooming in an age-appropriate way. No sexual content.",
        "rshe_themes": ["online_relationships", "internet_safety", "being_safe"],
        "resources": ["what-to-do-if-something-online-worries-you", "lesson-plan-online-grooming"],
        "review_overdue": True,
    },
    {
        "slug": "county-lines-spotting-the-signs-staff",
        "title": "County lines: spotting the signs (staff briefing)",
        "format": "staff_training",
        "min_year": 5,
        "max_year": 13,
        "duration_minutes": 90,
        "max_audience": 80,
        "partner": COUNCIL,
        "topics": ["exploitation"],
        "summary": "A twilight briefing for all school staff on child criminal exploitation in "
        "Westshire: the warning signs, the local picture, and how to refer.",
        "learning_outcomes": ul(
            "Recognise the signs of criminal exploitation, including missing episodes and unexplained money.",
            "Understand the local picture from police and youth service data.",
            "Know how to make a referral and share information with the exploitation team.",
        ),
        "preparation": ul(
            "A room for all staff with a projector.", "The designated safeguarding lead present."
        ),
        "content_warnings": "Includes real (anonymised) local cases involving violence against children.",
        "rshe_themes": ["being_safe"],
        "resources": ["staff-briefing-county-lines"],
    },
    {
        "slug": "running-for-someone-else-county-lines",
        "title": "Running for someone else: county lines and criminal exploitation",
        "format": "workshop",
        "min_year": 8,
        "max_year": 10,
        "duration_minutes": 75,
        "max_audience": 30,
        "partner": SAFER_STREETS,
        "topics": ["exploitation", "drugs-alcohol"],
        "summary": "Youth workers with lived experience help pupils see how grooming into county "
        "lines works, through a drama and small-group discussion.",
        "learning_outcomes": ul(
            "Understand how gangs recruit: gifts, debts, status and threats.",
            "Know that a child who is exploited is a victim, not a criminal.",
            "Know where to get help, for themselves or a friend.",
        ),
        "preparation": ul(
            "A classroom or drama studio with chairs that can be moved into a circle.",
            "The class teacher present; tell the designated safeguarding lead which group is taking part.",
        ),
        "content_warnings": "Drama depicts threats and violence. Mentions drug dealing.",
        "rshe_themes": ["being_safe", "drugs_alcohol_tobacco", "respectful_relationships"],
        "resources": ["county-lines-how-grooming-works", "someone-asked-me-to-hold-something"],
    },
    {
        "slug": "what-a-good-friend-looks-like",
        "title": "What a good friend looks like",
        "format": "workshop",
        "min_year": 2,
        "max_year": 4,
        "duration_minutes": 45,
        "max_audience": 30,
        "partner": NHS,
        "topics": ["healthy-relationships"],
        "summary": "School nurses use stories and puppets to help younger pupils tell kind "
        "friendships from unkind ones, and practise asking for help.",
        "learning_outcomes": ul(
            "Describe what makes a good friend.",
            "Know the difference between a safe surprise and an unsafe secret.",
            "Practise telling a trusted adult when something feels wrong.",
        ),
        "preparation": ul("A classroom with space for pupils to sit on the carpet."),
        "content_warnings": "",
        "rshe_themes": ["caring_friendships", "families", "being_safe"],
        "resources": ["real-friends-quiz", "safe-and-unsafe-secrets"],
    },
    {
        "slug": "consent-and-respect",
        "title": "Consent and respect in relationships",
        "format": "workshop",
        "min_year": 10,
        "max_year": 12,
        "duration_minutes": 60,
        "max_audience": 30,
        "partner": HARBOUR,
        "topics": ["healthy-relationships"],
        "summary": "Practitioners from a domestic abuse charity explore consent, coercive control "
        "and healthy relationships with scenarios pupils recognise.",
        "learning_outcomes": ul(
            "Understand what consent means in law and in everyday life.",
            "Recognise controlling and coercive behaviour, online and offline.",
            "Know local and national services that help young people in unhealthy relationships.",
        ),
        "preparation": ul(
            "A classroom with a projector.",
            "The class teacher present; tell pupils the topic beforehand so they can speak to staff.",
        ),
        "content_warnings": "Discusses sexual consent, domestic abuse and coercive control.",
        "rshe_themes": ["respectful_relationships", "intimate_relationships", "being_safe"],
        "resources": ["what-consent-means", "controlling-behaviour-signs"],
    },
    {
        "slug": "vapes-cannabis-whats-really-in-them",
        "title": "Vapes, cannabis and what's really in them",
        "format": "workshop",
        "min_year": 8,
        "max_year": 10,
        "duration_minutes": 60,
        "max_audience": 30,
        "partner": NHS,
        "topics": ["drugs-alcohol"],
        "summary": "A hands-on workshop on illegal vapes, THC and spice: what tests in Westshire "
        "have found, the effects on health, and how to say no.",
        "learning_outcomes": ul(
            "Know the health risks of vaping and of illegal vapes in particular.",
            "Understand that cannabis and spice vapes are sold to young people as nicotine.",
            "Practise ways to turn down an offer and keep their friends.",
        ),
        "preparation": ul("A classroom with a projector."),
        "content_warnings": "",
        "rshe_themes": ["drugs_alcohol_tobacco", "health_prevention"],
        "resources": ["vaping-myths-quiz"],
        "review_overdue": True,
    },
    {
        "slug": "alcohol-parties-and-staying-safe",
        "title": "Alcohol, parties and staying safe",
        "format": "assembly",
        "min_year": 11,
        "max_year": 13,
        "duration_minutes": 40,
        "max_audience": 250,
        "partner": NHS,
        "topics": ["drugs-alcohol"],
        "summary": "Before prom and the summer: an emergency department nurse explains spiking, "
        "alcohol poisoning and how to look after a friend.",
        "learning_outcomes": ul(
            "Know the signs of alcohol poisoning and spiking.",
            "Know how to put someone in the recovery position and when to call 999.",
            "Plan how to get home safely.",
        ),
        "preparation": ul("A hall with a projector and sound."),
        "content_warnings": "Describes alcohol poisoning and drink spiking.",
        "rshe_themes": ["drugs_alcohol_tobacco", "first_aid", "being_safe"],
        "resources": ["alcohol-and-parties"],
    },
    {
        "slug": "your-choices-your-community",
        "title": "Your choices, your community: anti-social behaviour",
        "format": "assembly",
        "min_year": 7,
        "max_year": 8,
        "duration_minutes": 40,
        "max_audience": 300,
        "partner": POLICE,
        "topics": ["anti-social-behaviour"],
        "summary": "Neighbourhood officers and a youth worker talk about what anti-social "
        "behaviour is, how it feels to live next to it, and where it can lead.",
        "learning_outcomes": ul(
            "Know what counts as anti-social behaviour, including online.",
            "Understand the effect on victims and the community.",
            "Know the consequences, from warnings to criminal behaviour orders.",
        ),
        "preparation": ul("A hall with a projector and screen."),
        "content_warnings": "",
        "rshe_themes": ["respectful_relationships"],
        "resources": ["anti-social-behaviour-what-counts"],
    },
    {
        "slug": "helping-your-child-stay-safe-online",
        "title": "Helping your child stay safe online (parents and carers)",
        "format": "parent_session",
        "min_year": 1,
        "max_year": 9,
        "duration_minutes": 60,
        "max_audience": 100,
        "partner": POLICE,
        "topics": ["online-safety"],
        "summary": "An evening session for parents and carers: parental controls, gaming, "
        "group chats, and how to keep talking with your child about what they do online.",
        "learning_outcomes": ul(
            "Set up parental controls on common consoles, phones and broadband.",
            "Recognise the signs that a child is being groomed or bullied online.",
            "Know how to report concerns to the school, CEOP and the police.",
        ),
        "preparation": ul(
            "A hall or large room with a projector, after school.",
            "Send the invitation letter we provide two weeks before.",
        ),
        "content_warnings": "",
        "rshe_themes": ["internet_safety", "online_relationships"],
        "resources": ["parents-guide-online-gaming"],
    },
    {
        "slug": "talking-to-your-teenager-about-knives-and-exploitation",
        "title": "Talking to your teenager about knives and exploitation (parents and carers)",
        "format": "parent_session",
        "min_year": 6,
        "max_year": 11,
        "duration_minutes": 75,
        "max_audience": 80,
        "partner": SAFER_STREETS,
        "topics": ["knife-crime", "exploitation"],
        "summary": "A mother whose son was exploited and a youth worker share the signs they "
        "missed and how parents can start the conversation.",
        "learning_outcomes": ul(
            "Recognise the signs of exploitation and weapon carrying.",
            "Know how to start a conversation without pushing a child away.",
            "Know who to call in Westshire for help.",
        ),
        "preparation": ul("A room after school with a projector."),
        "content_warnings": "A parent describes her son's exploitation and a serious assault.",
        "rshe_themes": ["being_safe"],
        "resources": ["parents-spotting-exploitation"],
    },
    {
        "slug": "ask-before-you-click",
        "title": "Ask before you click",
        "format": "assembly",
        "min_year": 0,
        "max_year": 2,
        "duration_minutes": 25,
        "max_audience": 150,
        "partner": EDUCATION,
        "topics": ["online-safety"],
        "summary": "A short, gentle assembly with songs for Reception and Key stage 1 about "
        "asking a grown-up before going online.",
        "learning_outcomes": ul(
            "Know to ask a grown-up before using a tablet, game or video.",
            "Know to tell a grown-up if they see something that makes them feel sad or worried.",
        ),
        "preparation": ul("A hall with a screen and speakers."),
        "content_warnings": "",
        "rshe_themes": ["internet_safety", "being_safe"],
        "resources": ["ask-before-you-click-worksheet"],
    },
    {
        "slug": "responding-to-a-disclosure",
        "title": "Responding to a disclosure: what to say and do",
        "format": "staff_training",
        "min_year": 0,
        "max_year": 13,
        "duration_minutes": 60,
        "max_audience": 60,
        "partner": EDUCATION,
        "topics": ["healthy-relationships", "exploitation"],
        "summary": "A practical session for all staff: listening, what not to promise, recording "
        "in the child's words and passing it on the same day.",
        "learning_outcomes": ul(
            "Respond to a child's disclosure calmly and without leading questions.",
            "Record what was said accurately and pass it to the designated safeguarding lead.",
            "Know what happens next, and look after themselves afterwards.",
        ),
        "preparation": ul("A room for all staff.", "Copies of the school's safeguarding policy."),
        "content_warnings": "Uses examples of disclosures of abuse.",
        "rshe_themes": ["being_safe"],
        "resources": ["staff-guide-responding-to-disclosures"],
        "bookable": False,
    },
]

# Each resource: slug, title, type, audiences, partner, topics, summary, body (list of
# ("heading" | "paragraph" | "video" | "document", value)).
RESOURCES = [
    {
        "slug": "what-to-do-if-something-online-worries-you",
        "title": "What to do if something online worries you",
        "resource_type": "leaflet",
        "audiences": ["8-10", "11-13"],
        "partner": POLICE,
        "topics": ["online-safety"],
        "summary": "Saw something upsetting? Someone said something that made you feel bad? Here is what to do.",
        "body": [
            ("heading", "Stop and tell someone"),
            (
                "paragraph",
                "<p>You are not in trouble. Put the phone or tablet down and tell an adult you trust: a parent, a carer or a teacher.</p>",
            ),
            ("heading", "Block and report"),
            (
                "paragraph",
                "<p>Most games and apps have a button to block and report someone. Use it. Take a screenshot first if you can, so an adult can see what happened.</p>",
            ),
            ("heading", "If someone asked you to do something you did not want to do"),
            (
                "paragraph",
                "<p>You can report it to CEOP, part of the police that keeps children safe online. You can also call Childline free on 0800 1111.</p>",
            ),
        ],
    },
    {
        "slug": "ask-before-you-click-worksheet",
        "title": "Ask before you click: colouring sheet",
        "resource_type": "worksheet",
        "audiences": ["4-7"],
        "partner": EDUCATION,
        "topics": ["online-safety"],
        "summary": "Colour in the pictures and talk about who you can ask before you go online.",
        "body": [
            (
                "paragraph",
                "<p>Before you play a game or watch a video, ask a grown-up. If you see something that makes you feel sad or scared, tell a grown-up straight away.</p>",
            ),
            ("heading", "Who can I ask?"),
            (
                "paragraph",
                "<ul><li>Mum, dad or the person who looks after you</li><li>Your teacher</li><li>Another grown-up you know and trust</li></ul>",
            ),
        ],
    },
    {
        "slug": "feelings-and-safe-adults",
        "title": "Feelings and safe adults: a story to share",
        "resource_type": "video",
        "audiences": ["4-7"],
        "partner": NHS,
        "topics": ["healthy-relationships"],
        "summary": "A short story about Sam, who feels worried and finds a grown-up to tell.",
        "body": [
            (
                "video",
                {
                    "title": "Sam finds a safe grown-up",
                    "video": "https://video.westshire-nhs.example/sam-finds-a-safe-grown-up",
                    "duration": "4 minutes",
                    "transcript": "<p>Sam had a funny feeling in his tummy. Something at playtime had made him sad. Sam thought about who he could tell. He told Miss Patel, his teacher. Miss Patel listened and said thank you for telling me. Sam felt better.</p>",
                },
            ),
            (
                "paragraph",
                "<p>Everybody has feelings. If you feel worried, sad or scared, you can tell a grown-up you trust. Telling is always OK.</p>",
            ),
        ],
    },
    {
        "slug": "safe-and-unsafe-secrets",
        "title": "Safe surprises and unsafe secrets",
        "resource_type": "leaflet",
        "audiences": ["4-7", "parents"],
        "partner": NHS,
        "topics": ["healthy-relationships"],
        "summary": "A surprise is fun and everyone finds out. A secret that makes you feel worried is one to tell.",
        "body": [
            (
                "paragraph",
                "<p>A <b>surprise</b>, like a birthday present, is a happy thing, and everyone finds out soon.</p><p>A <b>secret</b> that makes you feel worried, or that a grown-up says you must never tell, is not OK. Tell a grown-up you trust.</p>",
            ),
            ("heading", "For parents and carers"),
            (
                "paragraph",
                "<p>Talking about surprises and secrets helps young children understand that they can always tell you. Read this together and ask your child who their safe adults are.</p>",
            ),
        ],
    },
    {
        "slug": "real-friends-quiz",
        "title": "Real friends quiz",
        "resource_type": "quiz",
        "audiences": ["8-10"],
        "partner": NHS,
        "topics": ["healthy-relationships"],
        "summary": "Ten quick questions about what good friends do. There are no wrong answers, just things to think about.",
        "body": [
            (
                "paragraph",
                "<ol><li>A friend asks you to keep a secret that makes you feel bad. Should you tell someone?</li><li>Is it OK for a friend to tell you who you can and cannot play with?</li><li>Your friend is sad. What could you do?</li><li>Someone in a game says they are your friend, but you have never met. Are they a real friend?</li></ol>",
            ),
            ("heading", "Talk about it"),
            (
                "paragraph",
                "<p>Good friends are kind, listen to you and respect your choices. If a friendship makes you feel worried, talk to an adult you trust.</p>",
            ),
        ],
    },
    {
        "slug": "gaming-chat-staying-safe",
        "title": "Gaming and chat: staying safe",
        "resource_type": "leaflet",
        "audiences": ["8-10", "11-13"],
        "partner": POLICE,
        "topics": ["online-safety"],
        "summary": "Games are fun. Here is how to keep them that way: what to keep private and what to do if chat goes wrong.",
        "body": [
            ("heading", "Keep it private"),
            (
                "paragraph",
                "<p>Do not share your real name, school, address or photos with people you only know online.</p>",
            ),
            ("heading", "Watch out for tricks"),
            (
                "paragraph",
                "<p>Be careful if someone offers you free skins, coins or gifts, or asks you to move to a private chat. These are tricks people use.</p>",
            ),
            ("heading", "If chat goes wrong"),
            (
                "paragraph",
                "<p>Leave the game, block and report, and tell an adult. You will not be in trouble.</p>",
            ),
        ],
    },
    {
        "slug": "knife-crime-the-facts",
        "title": "Knife crime: the facts",
        "resource_type": "leaflet",
        "audiences": ["11-13", "14-16"],
        "partner": POLICE,
        "topics": ["knife-crime"],
        "summary": "Most young people never carry a knife. Here are the facts about the law and the risks.",
        "body": [
            ("heading", "The law"),
            (
                "paragraph",
                "<p>It is illegal to carry a knife in public without a good reason. Carrying a knife can mean up to four years in prison, even if you never use it.</p>",
            ),
            ("heading", "The risks"),
            (
                "paragraph",
                "<p>People who carry a knife are more likely to be stabbed themselves. A knife in a fight can kill in seconds.</p>",
            ),
            ("heading", "Worried about someone?"),
            (
                "paragraph",
                "<p>You can tell a teacher or report it anonymously to Fearless, the youth service of Crimestoppers. They never ask who you are.</p>",
            ),
        ],
    },
    {
        "slug": "carrying-a-knife-does-not-make-you-safer",
        "title": "Carrying a knife does not make you safer",
        "resource_type": "video",
        "audiences": ["14-16", "16-18"],
        "partner": SAFER_STREETS,
        "topics": ["knife-crime"],
        "summary": "Three young people from Westshire talk about why they carried knives, and what changed their minds.",
        "body": [
            (
                "video",
                {
                    "title": "Why I stopped carrying",
                    "video": "https://video.saferstreets-westshire.example/why-i-stopped-carrying",
                    "duration": "7 minutes",
                    "transcript": "<p>Jay: I thought it would protect me. Everyone said everyone else had one. Then my cousin got stabbed with his own knife.</p><p>Amira: My brother carried one. When he went to prison, my mum stopped sleeping.</p><p>Dan: A youth worker helped me see I had other choices.</p>",
                },
            ),
            (
                "paragraph",
                "<p>If you feel unsafe, talk to someone. A youth worker, teacher or Childline (0800 1111) can help you find safer ways to deal with it.</p>",
            ),
        ],
    },
    {
        "slug": "county-lines-how-grooming-works",
        "title": "County lines: how grooming works",
        "resource_type": "video",
        "audiences": ["11-13", "14-16"],
        "partner": SAFER_STREETS,
        "topics": ["exploitation"],
        "summary": "An animation showing how a gang turns a new friendship into a debt, and a debt into a job carrying drugs.",
        "body": [
            (
                "video",
                {
                    "title": "The debt",
                    "video": "https://video.saferstreets-westshire.example/the-debt",
                    "duration": "5 minutes",
                    "transcript": "<p>It starts with free food, a lift, new trainers. Then one day: you owe us. Kai is told to take a bag to another town. He is scared to say no.</p>",
                },
            ),
            ("heading", "It is not your fault"),
            (
                "paragraph",
                "<p>If someone is making you carry drugs or money, you are a victim, not a criminal. Tell an adult you trust, call Childline on 0800 1111, or call 999 if you are in danger.</p>",
            ),
        ],
    },
    {
        "slug": "someone-asked-me-to-hold-something",
        "title": "Someone asked me to hold something",
        "resource_type": "leaflet",
        "audiences": ["14-16", "16-18"],
        "partner": SAFER_STREETS,
        "topics": ["exploitation", "knife-crime"],
        "summary": "Being asked to hold a bag, a phone or a weapon for someone? What it might mean and what you can do.",
        "body": [
            (
                "paragraph",
                "<p>Gangs often ask young people to hold drugs, money, phones or weapons because they think you are less likely to be searched. If you are caught, you are the one in trouble.</p>",
            ),
            ("heading", "What you can do"),
            (
                "paragraph",
                "<ul><li>Say no if you can do so safely.</li><li>Talk to an adult you trust, or a youth worker.</li><li>Report anonymously to Fearless.</li><li>Call 999 if you are in danger.</li></ul>",
            ),
        ],
    },
    {
        "slug": "sharing-nudes-what-the-law-says",
        "title": "Sharing nudes: what the law says and how to get help",
        "resource_type": "leaflet",
        "audiences": ["14-16", "16-18"],
        "partner": POLICE,
        "topics": ["online-safety", "healthy-relationships"],
        "summary": "If a nude image of you has been shared, or someone is threatening to share one, you can get it taken down.",
        "body": [
            ("heading", "The law"),
            (
                "paragraph",
                "<p>Making or sharing a sexual image of anyone under 18 is illegal, even if it is of yourself. The police treat young people who share images under pressure as victims.</p>",
            ),
            ("heading", "Getting images taken down"),
            (
                "paragraph",
                "<p>Childline and the Internet Watch Foundation run Report Remove, which helps you get nude images of you removed from the internet.</p>",
            ),
            ("heading", "If someone is blackmailing you"),
            (
                "paragraph",
                "<p>Do not pay and do not send more. Stop replying, keep the messages, and tell an adult or report to CEOP. It is not your fault.</p>",
            ),
        ],
    },
    {
        "slug": "what-consent-means",
        "title": "What consent means: quiz",
        "resource_type": "quiz",
        "audiences": ["14-16", "16-18"],
        "partner": HARBOUR,
        "topics": ["healthy-relationships"],
        "summary": "Test what you know about consent, with answers explained.",
        "body": [
            (
                "paragraph",
                "<ol><li>If someone said yes last time, do they have to say yes this time? <b>No.</b> Consent must be given every time.</li><li>Can someone consent if they are very drunk? <b>No.</b></li><li>Can you change your mind? <b>Yes</b>, at any time.</li><li>Is silence a yes? <b>No.</b></li></ol>",
            ),
            (
                "paragraph",
                "<p>If something happened that you did not agree to, it is not your fault. You can talk to Childline on 0800 1111 or an adult you trust.</p>",
            ),
        ],
    },
    {
        "slug": "controlling-behaviour-signs",
        "title": "Is my relationship healthy? Signs of controlling behaviour",
        "resource_type": "leaflet",
        "audiences": ["16-18"],
        "partner": HARBOUR,
        "topics": ["healthy-relationships"],
        "summary": "Checking your phone, telling you who to see, putting you down: signs that a relationship is controlling.",
        "body": [
            (
                "paragraph",
                "<p>In a healthy relationship you feel respected, free to see your friends and able to say no. Controlling behaviour can start small and build up.</p>",
            ),
            ("heading", "Warning signs"),
            (
                "paragraph",
                "<ul><li>Checking your phone or location</li><li>Telling you what to wear or who to see</li><li>Making you feel guilty or scared</li><li>Pressuring you into sex or sending images</li></ul>",
            ),
            ("heading", "Help"),
            (
                "paragraph",
                "<p>The Harbour Project supports young people in Westshire. You can also call Childline on 0800 1111, or 999 if you are in danger.</p>",
            ),
        ],
    },
    {
        "slug": "vaping-myths-quiz",
        "title": "Vaping: myth or fact?",
        "resource_type": "quiz",
        "audiences": ["11-13", "14-16"],
        "partner": NHS,
        "topics": ["drugs-alcohol"],
        "summary": "Eight statements about vapes. Which ones are true?",
        "body": [
            (
                "paragraph",
                "<ol><li>Vapes are just water vapour. <b>Myth</b>: they contain nicotine and other chemicals.</li><li>Illegal vapes sold to young people can contain THC or spice. <b>Fact.</b></li><li>You cannot get addicted to vaping. <b>Myth.</b></li></ol>",
            ),
            ("paragraph", "<p>Want to stop? Your school nurse can help, in confidence.</p>"),
        ],
    },
    {
        "slug": "alcohol-and-parties",
        "title": "Alcohol and parties: looking after yourself and your friends",
        "resource_type": "leaflet",
        "audiences": ["16-18"],
        "partner": NHS,
        "topics": ["drugs-alcohol"],
        "summary": "Planning a night out? How to spot spiking and alcohol poisoning, and when to call 999.",
        "body": [
            ("heading", "Call 999 if a friend"),
            (
                "paragraph",
                "<ul><li>cannot be woken</li><li>is breathing slowly or oddly</li><li>has cold, pale or blue skin</li><li>is being sick while drowsy</li></ul>",
            ),
            (
                "paragraph",
                "<p>Put them on their side in the recovery position and stay with them. Never leave a drunk friend alone.</p>",
            ),
        ],
    },
    {
        "slug": "anti-social-behaviour-what-counts",
        "title": "Anti-social behaviour: what counts?",
        "resource_type": "worksheet",
        "audiences": ["11-13"],
        "partner": POLICE,
        "topics": ["anti-social-behaviour"],
        "summary": "Sort the examples into anti-social behaviour or not, then talk about how each one affects people.",
        "body": [
            (
                "paragraph",
                "<p>Anti-social behaviour is behaviour that causes harassment, alarm or distress to other people. It can happen in the street, on buses, and online.</p>",
            ),
            ("heading", "Sort these"),
            (
                "paragraph",
                "<ul><li>Playing football in the park</li><li>Shouting abuse at a neighbour</li><li>Throwing stones at buses</li><li>Posting someone's address online to scare them</li></ul>",
            ),
        ],
    },
    {
        "slug": "parents-guide-online-gaming",
        "title": "A parent's guide to online gaming",
        "resource_type": "leaflet",
        "audiences": ["parents"],
        "partner": POLICE,
        "topics": ["online-safety"],
        "summary": "Parental controls, chat settings, in-game spending and how to talk to your child about who they play with.",
        "body": [
            ("heading", "Set up controls together"),
            (
                "paragraph",
                "<p>Every console and most games have family settings that limit chat, spending and play time. Set them up with your child so they understand why.</p>",
            ),
            ("heading", "Keep talking"),
            (
                "paragraph",
                "<p>Ask who they play with and play alongside them sometimes. Children who talk to their parents about gaming are more likely to tell you when something goes wrong.</p>",
            ),
            ("heading", "If you are worried"),
            (
                "paragraph",
                "<p>Report to CEOP if an adult has been in contact with your child in a sexual way. Tell your child's school, and call 999 if a child is in immediate danger.</p>",
            ),
        ],
    },
    {
        "slug": "parents-spotting-exploitation",
        "title": "Spotting the signs of exploitation: a guide for parents",
        "resource_type": "leaflet",
        "audiences": ["parents"],
        "partner": SAFER_STREETS,
        "topics": ["exploitation", "knife-crime"],
        "summary": "New clothes you did not buy, a second phone, going missing: signs a child may be being exploited.",
        "body": [
            (
                "paragraph",
                "<p>Children are groomed into county lines in Westshire every year. The signs can look like normal teenage behaviour, which is why they are missed.</p>",
            ),
            ("heading", "Signs to look out for"),
            (
                "paragraph",
                "<ul><li>Going missing or coming home late</li><li>Money, clothes or phones you cannot explain</li><li>New, older friends</li><li>Injuries they will not explain</li><li>Falling behind at school</li></ul>",
            ),
            ("heading", "Who to call"),
            (
                "paragraph",
                "<p>Talk to your child's school, call the police on 101, or 999 in an emergency. The NSPCC helpline is 0808 800 5000.</p>",
            ),
        ],
    },
    {
        "slug": "talking-to-your-child-about-relationships",
        "title": "Talking to your child about relationships",
        "resource_type": "leaflet",
        "audiences": ["parents"],
        "partner": HARBOUR,
        "topics": ["healthy-relationships"],
        "summary": "What your child learns about relationships at school, and how to carry on the conversation at home.",
        "body": [
            (
                "paragraph",
                "<p>Every school teaches relationships education, and secondary schools teach relationships and sex education. You can ask the school to see what is taught.</p>",
            ),
            ("heading", "Starting the conversation"),
            (
                "paragraph",
                "<p>Short, everyday conversations work better than one big talk. Use a TV programme or song as a starting point, listen more than you speak, and let them know they can always come to you.</p>",
            ),
        ],
    },
    {
        "slug": "lesson-plan-knife-crime",
        "title": "Lesson plan: knife crime and making safer choices (Key stage 3)",
        "resource_type": "lesson_plan",
        "audiences": ["staff"],
        "partner": POLICE,
        "topics": ["knife-crime"],
        "summary": "A one-hour PSHE lesson to follow the knife crime assembly, with scenarios, discussion questions and a safe-space agreement.",
        "document": ("Knife crime lesson plan (Key stage 3)", "lesson-plan-knife-crime-ks3.pdf"),
        "body": [
            (
                "paragraph",
                "<p>This lesson follows the <i>Knife crime: the real consequences</i> assembly. It uses three scenarios to help pupils think about choices, peer pressure and where to get help.</p>",
            ),
            ("heading", "Before you teach it"),
            (
                "paragraph",
                "<p>Check with your designated safeguarding lead whether any pupil has been affected by knife crime, and agree ground rules with the class.</p>",
            ),
        ],
    },
    {
        "slug": "lesson-plan-online-grooming",
        "title": "Lesson plan: online friendships and grooming (Years 6 to 8)",
        "resource_type": "lesson_plan",
        "audiences": ["staff"],
        "partner": POLICE,
        "topics": ["online-safety"],
        "summary": "A lesson using a made-up chat to help pupils spot grooming, with a teacher's script and a homework task to share with parents.",
        "body": [
            (
                "paragraph",
                "<p>Pupils read a chat between Ellie and 'Jordan', a new online friend, and mark the moments where the conversation changes. The lesson ends with how to block, report and tell.</p>",
            ),
            ("heading", "Safeguarding note"),
            (
                "paragraph",
                "<p>This lesson may lead to disclosures. Have your designated safeguarding lead available and follow your school's policy.</p>",
            ),
        ],
    },
    {
        "slug": "staff-briefing-county-lines",
        "title": "Staff briefing: county lines in Westshire",
        "resource_type": "leaflet",
        "audiences": ["staff"],
        "partner": COUNCIL,
        "topics": ["exploitation"],
        "summary": "Two pages for the staffroom: the warning signs, the local picture, and how to refer to the exploitation team.",
        "document": ("County lines staff briefing", "county-lines-staff-briefing.pdf"),
        "body": [
            (
                "paragraph",
                "<p>Print this briefing for the staffroom and share it at your next safeguarding update.</p>",
            ),
        ],
    },
    {
        "slug": "staff-guide-responding-to-disclosures",
        "title": "Responding to a disclosure: a guide for school staff",
        "resource_type": "leaflet",
        "audiences": ["staff"],
        "partner": EDUCATION,
        "topics": ["healthy-relationships", "exploitation"],
        "summary": "Listen, reassure, do not promise secrecy, record in the child's words and tell the designated safeguarding lead the same day.",
        "body": [
            ("heading", "Do"),
            (
                "paragraph",
                "<ul><li>Listen calmly and let the child speak.</li><li>Tell them they were right to tell you.</li><li>Write down what they said, in their words, as soon as you can.</li><li>Tell the designated safeguarding lead the same day.</li></ul>",
            ),
            ("heading", "Do not"),
            (
                "paragraph",
                "<ul><li>Promise to keep it a secret.</li><li>Ask leading questions.</li><li>Investigate yourself or contact the alleged abuser.</li></ul>",
            ),
        ],
        "review_overdue": True,
    },
]

COURSES = [
    {
        "slug": "designated-safeguarding-lead-new-to-role",
        "title": "Designated safeguarding lead: new to role",
        "cpd_hours": 12,
        "audience": "Designated safeguarding leads and deputies new to the role",
        "topics": ["exploitation", "healthy-relationships"],
        "summary": "Two days covering the statutory duties of the designated safeguarding lead, "
        "referrals, record keeping and working with partners in Westshire.",
        "outcomes": ul(
            "Understand the role and responsibilities set out in Keeping children safe in education.",
            "Make effective referrals to children's social care and the police.",
            "Keep safeguarding records that stand up to scrutiny.",
        ),
    },
    {
        "slug": "keeping-children-safe-annual-update",
        "title": "Keeping children safe in education: annual update for all staff",
        "cpd_hours": 3,
        "audience": "All school staff",
        "topics": ["online-safety", "exploitation"],
        "summary": "This year's changes to statutory guidance, local priorities and lessons from "
        "recent reviews, in one afternoon.",
        "outcomes": ul(
            "Know what has changed in statutory guidance this year.",
            "Recognise the local safeguarding priorities in Westshire.",
            "Know how to raise a concern in their own school.",
        ),
    },
    {
        "slug": "online-safety-for-leaders-and-governors",
        "title": "Online safety for school leaders and governors",
        "cpd_hours": 3,
        "audience": "Headteachers, senior leaders and governors",
        "topics": ["online-safety"],
        "summary": "Filtering and monitoring, responding to incidents involving images, and "
        "planning an online safety curriculum.",
        "outcomes": ul(
            "Meet the filtering and monitoring standards for schools.",
            "Respond to incidents involving nude images in line with national guidance.",
            "Plan a whole-school approach to online safety.",
        ),
    },
    {
        "slug": "recognising-child-criminal-exploitation",
        "title": "Recognising child criminal exploitation and county lines",
        "cpd_hours": 3,
        "audience": "Pastoral staff, mentors and designated safeguarding leads",
        "topics": ["exploitation", "knife-crime", "drugs-alcohol"],
        "summary": "With police and youth workers: how exploitation happens in Westshire, the "
        "warning signs, and the referral pathway.",
        "outcomes": ul(
            "Recognise the signs of criminal exploitation and county lines.",
            "Use the Westshire exploitation screening tool.",
            "Work with the police and youth service to keep a child safe.",
        ),
    },
]
