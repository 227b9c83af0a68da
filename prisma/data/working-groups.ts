// The three working groups as the CoP's call describes them, in both languages.
// Created at first start (production too); coordinators may edit them later, so existing rows
// are never overwritten.
import type { GroupDefinition } from "../../app/domain/groups.server";

export const WORKING_GROUPS: GroupDefinition[] = [
  {
    slug: "rooting-care",
    position: 1,
    nameEn: "Rooting care",
    nameFr: "Enraciner le soin",
    summaryEn: "Making care, safety and wellbeing part of how our movements work, not an afterthought.",
    summaryFr: "Faire du soin, de la sécurité et du bien-être une part de la manière dont nos mouvements fonctionnent, et non une réflexion après coup.",
    whyEn:
      "LGBTIQ+ activists carry heavy loads: hostility, criminalisation, violence, precarious funding and the daily work of holding communities together. Burnout and trauma drain leadership and memory from our movements.\n\nCare that is rooted in our organisations — in budgets, policies, ways of meeting and deciding — lets people stay, rest and keep going. This group learns how collective care can become structural rather than individual.",
    whyFr:
      "Les activistes LGBTIQ+ portent de lourdes charges : hostilité, criminalisation, violences, financements précaires et le travail quotidien pour maintenir les communautés ensemble. L'épuisement et les traumatismes privent nos mouvements de leurs responsables et de leur mémoire.\n\nUn soin enraciné dans nos organisations — dans les budgets, les politiques, les manières de se réunir et de décider — permet aux personnes de rester, de se reposer et de continuer. Ce groupe apprend comment le soin collectif peut devenir structurel plutôt qu'individuel.",
    questionsEn:
      "How can organisations build collective care and wellbeing into their structures and budgets?\nWhat practices help activists facing high risk to rest and recover safely?\nHow do we sustain care when resources are scarce?",
    questionsFr:
      "Comment les organisations peuvent-elles intégrer le soin collectif et le bien-être à leurs structures et à leurs budgets ?\nQuelles pratiques aident les activistes exposé·es à des risques élevés à se reposer et à récupérer en sécurité ?\nComment maintenir le soin quand les ressources sont rares ?",
  },
  {
    slug: "practising-accountability",
    position: 2,
    nameEn: "Practising accountability",
    nameFr: "Pratiquer la redevabilité",
    summaryEn: "Being answerable to the communities we serve, to each other, and to our partners — in ways that build trust.",
    summaryFr: "Rendre des comptes aux communautés que nous servons, les un·es aux autres et à nos partenaires — de manière à bâtir la confiance.",
    whyEn:
      "Movements are strongest when the people they serve can shape them, question them and trust them. Yet accountability is often reduced to reporting upwards to funders.\n\nThis group explores accountability that runs in every direction: to communities, within organisations, between partners, and towards funders — including how to handle harm and conflict in ways that keep people safe.",
    whyFr:
      "Les mouvements sont plus forts lorsque les personnes qu'ils servent peuvent les façonner, les questionner et leur faire confiance. Pourtant, la redevabilité se réduit souvent à rendre compte aux bailleurs.\n\nCe groupe explore une redevabilité qui circule dans tous les sens : envers les communautés, au sein des organisations, entre partenaires et envers les bailleurs — y compris la manière de traiter les torts et les conflits tout en protégeant les personnes.",
    questionsEn:
      "What does meaningful accountability to our communities look like in practice?\nHow can we address harm and conflict within movements without putting people at risk?\nHow can accountability to funders support, rather than distort, our work?",
    questionsFr:
      "À quoi ressemble, en pratique, une véritable redevabilité envers nos communautés ?\nComment traiter les torts et les conflits au sein des mouvements sans mettre les personnes en danger ?\nComment la redevabilité envers les bailleurs peut-elle soutenir notre travail plutôt que le déformer ?",
  },
  {
    slug: "strengthening-collaboration",
    position: 3,
    nameEn: "Strengthening collaboration",
    nameFr: "Renforcer la collaboration",
    summaryEn: "Working across organisations, movements, regions and differences to achieve more together.",
    summaryFr: "Travailler au-delà des organisations, des mouvements, des régions et des différences pour accomplir davantage ensemble.",
    whyEn:
      "LGBTIQ+ movements in Africa, Asia and Latin America face shared pressures but often work in isolation, compete for scarce funding, or struggle to connect with allied movements.\n\nThis group learns what makes collaboration last: trust, fair sharing of power and resources, and alliances with feminist, human-rights and other social-justice movements.",
    whyFr:
      "Les mouvements LGBTIQ+ d'Afrique, d'Asie et d'Amérique latine font face à des pressions communes, mais travaillent souvent isolément, se disputent des financements rares ou peinent à se relier aux mouvements alliés.\n\nCe groupe apprend ce qui rend la collaboration durable : la confiance, le partage équitable du pouvoir et des ressources, et les alliances avec les mouvements féministes, des droits humains et d'autres luttes pour la justice sociale.",
    questionsEn:
      "What conditions help collaborations between organisations and movements last?\nHow can power and resources be shared fairly in partnerships?\nHow can we build alliances with other social-justice movements?",
    questionsFr:
      "Quelles conditions aident les collaborations entre organisations et mouvements à durer ?\nComment partager équitablement le pouvoir et les ressources dans les partenariats ?\nComment construire des alliances avec d'autres mouvements pour la justice sociale ?",
  },
];
