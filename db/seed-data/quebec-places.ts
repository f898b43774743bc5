// Places for generated Quebec records: school boards with their region's city, streets, school name themes.

export type BoardTemplate = {
  code: string;
  name: string;
  kind: "css" | "english";
  city: string;
  /** Telephone area code of the region. */
  areaCode: string;
  /** First three characters of the region's postal codes. */
  postalPrefix: string;
};

/** Quebec's school service centres and English school boards (public names), each with a city of its region. */
export const BOARD_TEMPLATES: readonly BoardTemplate[] = [
  { code: "CSSPS", name: "CSS des Premières-Seigneuries", kind: "css", city: "Québec", areaCode: "418", postalPrefix: "G1E" },
  { code: "CSSDN", name: "CSS des Navigateurs", kind: "css", city: "Lévis", areaCode: "418", postalPrefix: "G6V" },
  { code: "CSSC", name: "CSS de la Capitale", kind: "css", city: "Québec", areaCode: "418", postalPrefix: "G1K" },
  { code: "CSSDD", name: "CSS des Découvreurs", kind: "css", city: "Québec", areaCode: "418", postalPrefix: "G1V" },
  { code: "CSSDM", name: "CSS de Montréal", kind: "css", city: "Montréal", areaCode: "514", postalPrefix: "H2J" },
  { code: "CSSPI", name: "CSS de la Pointe-de-l'Île", kind: "css", city: "Montréal", areaCode: "514", postalPrefix: "H1G" },
  { code: "CSSMB", name: "CSS Marguerite-Bourgeoys", kind: "css", city: "Montréal", areaCode: "514", postalPrefix: "H4N" },
  { code: "CSSDL", name: "CSS de Laval", kind: "css", city: "Laval", areaCode: "450", postalPrefix: "H7N" },
  { code: "CSSDA", name: "CSS des Affluents", kind: "css", city: "Repentigny", areaCode: "450", postalPrefix: "J6A" },
  { code: "CSSMI", name: "CSS des Mille-Îles", kind: "css", city: "Saint-Eustache", areaCode: "450", postalPrefix: "J7R" },
  { code: "CSSGS", name: "CSS des Grandes-Seigneuries", kind: "css", city: "La Prairie", areaCode: "450", postalPrefix: "J5R" },
  { code: "CSSP", name: "CSS des Patriotes", kind: "css", city: "Saint-Bruno-de-Montarville", areaCode: "450", postalPrefix: "J3V" },
  { code: "CSSMV", name: "CSS Marie-Victorin", kind: "css", city: "Longueuil", areaCode: "450", postalPrefix: "J4K" },
  { code: "CSSDHR", name: "CSS des Hautes-Rivières", kind: "css", city: "Saint-Jean-sur-Richelieu", areaCode: "450", postalPrefix: "J3B" },
  { code: "CSSVT", name: "CSS de la Vallée-des-Tisserands", kind: "css", city: "Salaberry-de-Valleyfield", areaCode: "450", postalPrefix: "J6T" },
  { code: "CSSTL", name: "CSS des Trois-Lacs", kind: "css", city: "Vaudreuil-Dorion", areaCode: "450", postalPrefix: "J7V" },
  { code: "CSSRDN", name: "CSS de la Rivière-du-Nord", kind: "css", city: "Saint-Jérôme", areaCode: "450", postalPrefix: "J7Z" },
  { code: "CSSL", name: "CSS des Laurentides", kind: "css", city: "Sainte-Agathe-des-Monts", areaCode: "819", postalPrefix: "J8C" },
  { code: "CSSS", name: "CSS des Samares", kind: "css", city: "Joliette", areaCode: "450", postalPrefix: "J6E" },
  { code: "CSSSH", name: "CSS de Saint-Hyacinthe", kind: "css", city: "Saint-Hyacinthe", areaCode: "450", postalPrefix: "J2S" },
  { code: "CSSST", name: "CSS de Sorel-Tracy", kind: "css", city: "Sorel-Tracy", areaCode: "450", postalPrefix: "J3P" },
  { code: "CSSHC", name: "CSS des Hauts-Cantons", kind: "css", city: "Coaticook", areaCode: "819", postalPrefix: "J1A" },
  { code: "CSSRS", name: "CSS de la Région-de-Sherbrooke", kind: "css", city: "Sherbrooke", areaCode: "819", postalPrefix: "J1H" },
  { code: "CSSDS", name: "CSS des Sommets", kind: "css", city: "Magog", areaCode: "819", postalPrefix: "J1X" },
  { code: "CSSVDC", name: "CSS du Val-des-Cerfs", kind: "css", city: "Granby", areaCode: "450", postalPrefix: "J2G" },
  { code: "CSSDC", name: "CSS des Chênes", kind: "css", city: "Drummondville", areaCode: "819", postalPrefix: "J2B" },
  { code: "CSSBF", name: "CSS des Bois-Francs", kind: "css", city: "Victoriaville", areaCode: "819", postalPrefix: "G6P" },
  { code: "CSSCR", name: "CSS du Chemin-du-Roy", kind: "css", city: "Trois-Rivières", areaCode: "819", postalPrefix: "G8Y" },
  { code: "CSSE", name: "CSS de l'Énergie", kind: "css", city: "Shawinigan", areaCode: "819", postalPrefix: "G9N" },
  { code: "CSSBE", name: "CSS de la Beauce-Etchemin", kind: "css", city: "Saint-Georges", areaCode: "418", postalPrefix: "G5Y" },
  { code: "CSSCS", name: "CSS de la Côte-du-Sud", kind: "css", city: "Montmagny", areaCode: "418", postalPrefix: "G5V" },
  { code: "CSSA", name: "CSS des Appalaches", kind: "css", city: "Thetford Mines", areaCode: "418", postalPrefix: "G6G" },
  { code: "CSSCH", name: "CSS de Charlevoix", kind: "css", city: "Baie-Saint-Paul", areaCode: "418", postalPrefix: "G3Z" },
  { code: "CSSPB", name: "CSS du Pays-des-Bleuets", kind: "css", city: "Roberval", areaCode: "418", postalPrefix: "G8H" },
  { code: "CSSLSJ", name: "CSS du Lac-Saint-Jean", kind: "css", city: "Alma", areaCode: "418", postalPrefix: "G8B" },
  { code: "CSSRSA", name: "CSS des Rives-du-Saguenay", kind: "css", city: "Saguenay", areaCode: "418", postalPrefix: "G7H" },
  { code: "CSSJ", name: "CSS De La Jonquière", kind: "css", city: "Saguenay", areaCode: "418", postalPrefix: "G7X" },
  { code: "CSSES", name: "CSS de l'Estuaire", kind: "css", city: "Baie-Comeau", areaCode: "418", postalPrefix: "G4Z" },
  { code: "CSSFL", name: "CSS du Fleuve-et-des-Lacs", kind: "css", city: "Témiscouata-sur-le-Lac", areaCode: "418", postalPrefix: "G0L" },
  { code: "CSSKR", name: "CSS de Kamouraska–Rivière-du-Loup", kind: "css", city: "Rivière-du-Loup", areaCode: "418", postalPrefix: "G5R" },
  { code: "CSSDP", name: "CSS des Phares", kind: "css", city: "Rimouski", areaCode: "418", postalPrefix: "G5L" },
  { code: "CSSMM", name: "CSS des Monts-et-Marées", kind: "css", city: "Amqui", areaCode: "418", postalPrefix: "G5J" },
  { code: "CSSCC", name: "CSS des Chic-Chocs", kind: "css", city: "Gaspé", areaCode: "418", postalPrefix: "G4X" },
  { code: "CSSRL", name: "CSS René-Lévesque", kind: "css", city: "Bonaventure", areaCode: "418", postalPrefix: "G0C" },
  { code: "CSSI", name: "CSS des Îles", kind: "css", city: "Les Îles-de-la-Madeleine", areaCode: "418", postalPrefix: "G4T" },
  { code: "CSSF", name: "CSS du Fer", kind: "css", city: "Sept-Îles", areaCode: "418", postalPrefix: "G4R" },
  { code: "CSSOB", name: "CSS de l'Or-et-des-Bois", kind: "css", city: "Val-d'Or", areaCode: "819", postalPrefix: "J9P" },
  { code: "CSSH", name: "CSS Harricana", kind: "css", city: "Amos", areaCode: "819", postalPrefix: "J9T" },
  { code: "CSSLA", name: "CSS du Lac-Abitibi", kind: "css", city: "La Sarre", areaCode: "819", postalPrefix: "J9Z" },
  { code: "CSSRN", name: "CSS de Rouyn-Noranda", kind: "css", city: "Rouyn-Noranda", areaCode: "819", postalPrefix: "J9X" },
  { code: "CSSLT", name: "CSS du Lac-Témiscamingue", kind: "css", city: "Ville-Marie", areaCode: "819", postalPrefix: "J9V" },
  { code: "CSSPO", name: "CSS des Portages-de-l'Outaouais", kind: "css", city: "Gatineau", areaCode: "819", postalPrefix: "J9H" },
  { code: "CSSD", name: "CSS des Draveurs", kind: "css", city: "Gatineau", areaCode: "819", postalPrefix: "J8T" },
  { code: "CSSCV", name: "CSS au Cœur-des-Vallées", kind: "css", city: "Thurso", areaCode: "819", postalPrefix: "J0X" },
  { code: "CSSHBO", name: "CSS des Hauts-Bois-de-l'Outaouais", kind: "css", city: "Maniwaki", areaCode: "819", postalPrefix: "J9E" },
  { code: "CSSPN", name: "CSS Pierre-Neveu", kind: "css", city: "Mont-Laurier", areaCode: "819", postalPrefix: "J9L" },
  { code: "CSSRIV", name: "CSS de la Riveraine", kind: "css", city: "Nicolet", areaCode: "819", postalPrefix: "J3T" },
  { code: "CSSMCN", name: "CSS de la Moyenne-Côte-Nord", kind: "css", city: "Havre-Saint-Pierre", areaCode: "418", postalPrefix: "G0G" },
  { code: "CSSLIT", name: "CSS du Littoral", kind: "css", city: "Blanc-Sablon", areaCode: "418", postalPrefix: "G0G" },
  { code: "CSSPOR", name: "CSS de Portneuf", kind: "css", city: "Donnacona", areaCode: "418", postalPrefix: "G3M" },
  { code: "EMSB", name: "English Montreal School Board", kind: "english", city: "Montréal", areaCode: "514", postalPrefix: "H1R" },
  { code: "LBPSB", name: "Lester B. Pearson School Board", kind: "english", city: "Dorval", areaCode: "514", postalPrefix: "H9S" },
  { code: "RSB", name: "Riverside School Board", kind: "english", city: "Saint-Lambert", areaCode: "450", postalPrefix: "J4P" },
  { code: "NFSB", name: "New Frontiers School Board", kind: "english", city: "Châteauguay", areaCode: "450", postalPrefix: "J6J" },
  { code: "SWLSB", name: "Sir Wilfrid Laurier School Board", kind: "english", city: "Rosemère", areaCode: "450", postalPrefix: "J7A" },
  { code: "WQSB", name: "Western Québec School Board", kind: "english", city: "Gatineau", areaCode: "819", postalPrefix: "J9J" },
  { code: "CQSB", name: "Central Québec School Board", kind: "english", city: "Québec", areaCode: "418", postalPrefix: "G1V" },
  { code: "ETSB", name: "Eastern Townships School Board", kind: "english", city: "Magog", areaCode: "819", postalPrefix: "J1X" },
  { code: "ESSB", name: "Eastern Shores School Board", kind: "english", city: "New Carlisle", areaCode: "418", postalPrefix: "G0C" },
];

export const STREET_NAMES = [
  "rue Saint-Jean", "avenue Royale", "boulevard des Chutes", "rue des Érables", "chemin Sainte-Foy",
  "rue de la Fabrique", "boulevard Henri-Bourassa", "rue Notre-Dame", "avenue du Mont-Royal", "rue Saint-Denis",
  "rue Principale", "boulevard de l'Entente", "rue des Cèdres", "avenue des Pins", "rue du Couvent",
  "boulevard Guillaume-Couture", "rue Saint-Laurent", "chemin du Fleuve", "rue des Bouleaux", "avenue Champlain",
  "rue de l'Église", "boulevard Lacroix", "rue Papineau", "rue Laurier", "avenue Bourlamaque",
] as const;

/** Themes for invented school names: "École des Cèdres", "École secondaire du Boisé". */
export const SCHOOL_NAME_THEMES = [
  "des Cèdres", "du Boisé", "de l'Envol", "des Rives", "de la Source", "des Hauts-Clochers", "du Phare",
  "des Explorateurs", "de la Chanterelle", "du Petit-Prince", "des Mésanges", "de la Ruche", "du Tournesol",
  "de l'Arc-en-ciel", "des Quatre-Vents", "de la Colline", "du Ruisseau", "des Pionniers", "de la Passerelle",
  "du Grand-Voilier", "des Sentiers", "de l'Odyssée", "des Érables", "de la Découverte", "du Bois-Joli",
  "Sainte-Famille", "Saint-Joseph", "Notre-Dame", "Marie-Rivier", "Jean-De Brébeuf", "Félix-Leclerc",
  "Gabrielle-Roy", "Anne-Hébert", "Louis-Fréchette", "Émile-Nelligan", "Marguerite-Bourgeoys", "Jacques-Cartier",
] as const;
