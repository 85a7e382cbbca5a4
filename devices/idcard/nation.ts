/**
 * Nation (民族) codes of GB 3304-1991 as resident ID cards carry them (reference §4.2). The Chinese names
 * are the reference's; the English names are the customary ones (GB 3304's romanization differs for a
 * few, e.g. Zang for Tibetan). The card face prints the bare name (汉); displays append 族 for 01–56.
 */
import type { Label } from './label.ts';

export interface Nation {
  readonly code: string;
  /** The name as on the card, without 族. */
  readonly zh: string;
  readonly en: string;
}

const ROWS: readonly (readonly [string, string, string])[] = [
  ['01', '汉', 'Han'],
  ['02', '蒙古', 'Mongol'],
  ['03', '回', 'Hui'],
  ['04', '藏', 'Tibetan'],
  ['05', '维吾尔', 'Uygur'],
  ['06', '苗', 'Miao'],
  ['07', '彝', 'Yi'],
  ['08', '壮', 'Zhuang'],
  ['09', '布依', 'Buyei'],
  ['10', '朝鲜', 'Korean'],
  ['11', '满', 'Manchu'],
  ['12', '侗', 'Dong'],
  ['13', '瑶', 'Yao'],
  ['14', '白', 'Bai'],
  ['15', '土家', 'Tujia'],
  ['16', '哈尼', 'Hani'],
  ['17', '哈萨克', 'Kazak'],
  ['18', '傣', 'Dai'],
  ['19', '黎', 'Li'],
  ['20', '傈僳', 'Lisu'],
  ['21', '佤', 'Va'],
  ['22', '畲', 'She'],
  ['23', '高山', 'Gaoshan'],
  ['24', '拉祜', 'Lahu'],
  ['25', '水', 'Sui'],
  ['26', '东乡', 'Dongxiang'],
  ['27', '纳西', 'Naxi'],
  ['28', '景颇', 'Jingpo'],
  ['29', '柯尔克孜', 'Kirgiz'],
  ['30', '土', 'Tu'],
  ['31', '达斡尔', 'Daur'],
  ['32', '仫佬', 'Mulao'],
  ['33', '羌', 'Qiang'],
  ['34', '布朗', 'Blang'],
  ['35', '撒拉', 'Salar'],
  ['36', '毛南', 'Maonan'],
  ['37', '仡佬', 'Gelao'],
  ['38', '锡伯', 'Xibe'],
  ['39', '阿昌', 'Achang'],
  ['40', '普米', 'Pumi'],
  ['41', '塔吉克', 'Tajik'],
  ['42', '怒', 'Nu'],
  ['43', '乌孜别克', 'Uzbek'],
  ['44', '俄罗斯', 'Russian'],
  ['45', '鄂温克', 'Ewenki'],
  ['46', '德昂', 'Deang'],
  ['47', '保安', 'Bonan'],
  ['48', '裕固', 'Yugur'],
  ['49', '京', 'Gin'],
  ['50', '塔塔尔', 'Tatar'],
  ['51', '独龙', 'Derung'],
  ['52', '鄂伦春', 'Oroqen'],
  ['53', '赫哲', 'Hezhen'],
  ['54', '门巴', 'Monba'],
  ['55', '珞巴', 'Lhoba'],
  ['56', '基诺', 'Jino'],
  ['97', '其他', 'other'],
  ['98', '外国血统中国籍人士', 'Chinese citizen of foreign origin'],
];

export const NATIONS: readonly Nation[] = ROWS.map(([code, zh, en]) => ({ code, zh, en }));

const BY_CODE: ReadonlyMap<string, Nation> = new Map(NATIONS.map((nation) => [nation.code, nation]));

export function nationByCode(code: string): Nation | undefined {
  return BY_CODE.get(code);
}

/** 汉族 / Han for 01–56, the bare name for 97 and 98; any other code is labelled invalid. */
export function nationLabel(code: string): Label {
  const nation = BY_CODE.get(code);
  if (!nation) return { zh: `无效代码 ${code}`, en: `invalid code ${code}` };
  const ethnicGroup = Number(code) <= 56;
  return { zh: ethnicGroup ? `${nation.zh}族` : nation.zh, en: nation.en };
}
