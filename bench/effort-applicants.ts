/**
 * The fake applicants the effort bench replays, one per sample bundle. Everything is made up: GB 11643
 * numbers with valid check characters in the sample city's region 1101xx, names, addresses and account
 * numbers of nobody. What the departments hold about them (datasets, e-licences, records found by a
 * certificate number) is not here: the reference back office's exchange holds it
 * (backoffice/fixtures/exchange.json) and the bench asks it, as a session does.
 *
 * For each applicant:
 * - `card`: what the reader returns (every attribute a resident card carries);
 * - `answers`: what they answer when asked, beyond the departments' records;
 * - `provides`: the optional materials their situation calls for.
 */
import type { FormValues, IdCardAttribute } from '../core/bundle/index.ts';

export interface EffortApplicant {
  readonly card: Readonly<Partial<Record<IdCardAttribute, string>>>;
  readonly answers: FormValues;
  readonly provides: readonly string[];
}

/**
 * Who holds each dataset a field is prefilled from (dataset keys name their holder), as items name
 * departments. The hospital's birth record is kept in the health commission's system. The bench checks that
 * every dataset of a field the kiosk may ask is held by some item's department.
 */
export const HOLDERS: Readonly<Record<string, string>> = {
  'police.householdRegister': '示例市公安局',
  'civil.marriageRegister': '示例市民政局',
  'civil.socialAssistance': '示例市民政局',
  'health.birthRecord': '示例市卫生健康委员会',
  'health.familyPlanning': '示例市卫生健康委员会',
  'hrss.pensionRecord': '示例市人力资源和社会保障局',
  'hrss.socialSecurityCard': '示例市人力资源和社会保障局',
  'nhsa.insuredRecord': '示例市医疗保障局',
  'housingFund.account': '示例市住房公积金管理中心',
  // The national credit information platform, run by the development and reform commission.
  'credit.dishonestyList': '示例市发展和改革委员会',
};


const HOME = '示例市东城区和平里街道安定路12号院3号楼501室';

export const APPLICANTS: Readonly<Record<string, EffortApplicant>> = {
  // A mother registering her son, born twelve days ago, in her own household.
  '110199PCN0009': {
    card: { name: '李梅', gender: '2', nation: '01', birthDate: '1996-03-15', address: HOME, idNumber: '110101199603150023', documentType: 'resident' },
    answers: {
      'newborn.name': '王思远',
      'newborn.nation': '01',
      'household.headRelation': 'son',
      'applicant.phone': '13912345678',
      'spouse.phone': '13887654321',
      'delivery.method': 'mail',
      'delivery.address': HOME,
      'applicant.signature': 'signed',
      'vaccination.clinic': 'east',
      'maternity.bankName': '中国工商银行',
      'maternity.bankAccount': '6222021234567890123',
      'parenting.serviceMode': 'homeVisit',
    },
    // Married: the father's ID and the marriage are checked. She applies herself (no letter of authority),
    // both parents are Han (no ethnic-group application), and the photo may be left out under 7 (ref. §2.4).
    provides: ['spouseIdCard', 'marriageCertificate'],
  },

  // A man with a physical disability in a minimum-allowance household, applying for everything he may.
  '110199PCN0012': {
    card: { name: '赵刚', gender: '1', nation: '01', birthDate: '1978-06-11', address: HOME, idNumber: '110102197806110037', documentType: 'resident' },
    answers: {
      'applicant.phone': '13512345678',
      'disability.category': 'physical',
      'disability.assessmentHospital': 'rehab',
      'delivery.method': 'mail',
      'delivery.address': HOME,
      'subsidy.bankName': '中国农业银行',
      'subsidy.bankAccount': '6228481234567890127',
      'nursingSubsidy.careMode': 'home',
      'residentPension.contributionTier': '100',
    },
    // An adult with a physical disability needs no guardian; medical records are optional for a new
    // certificate (ref. §3.4): the assessment is made at the hospital.
    provides: [],
  },

  // A man at the statutory age, married, father of an only child. "All items" adds the early-retirement
  // approval too, whose questions then do not apply to him.
  '110199PCN0013': {
    card: { name: '孙建华', gender: '1', nation: '01', birthDate: '1966-05-10', address: HOME, idNumber: '110105196605100056', documentType: 'resident' },
    answers: {
      'applicant.phone': '13612345678',
      'pension.retirementType': 'statutory',
      'applicant.signature': 'signed',
    },
    provides: ['marriageCertificate'],
  },

  // A founder starting a one-person limited company in a rented office, his own finance officer.
  '110199PCN0100': {
    card: { name: '陈晨', gender: '1', nation: '01', birthDate: '1990-08-22', address: HOME, idNumber: '110106199008220017', documentType: 'resident' },
    answers: {
      'enterprise.name': '示例市青禾信息科技有限公司',
      'enterprise.type': 'llcSole',
      // The registry finds the office's address and use by the landlord's certificate number (online).
      'premises.certificateNumber': '京(2024)示例市不动产权第0067890号',
      'enterprise.registeredCapital': 50,
      'enterprise.businessScope': 'software',
      'enterprise.employeeCount': 3,
      'applicant.phone': '13712345678',
      'financeOfficer.isApplicant': true,
      'delivery.method': 'mail',
      'delivery.address': HOME,
      'applicant.signature': 'signed',
      'seal.package': 'standard',
      'seal.maker': 'maker01',
      'tax.taxpayerType': 'small',
      'tax.invoiceType': 'digitalOrdinary',
      'housingFund.contributionRate': 5,
    },
    provides: [],
  },
};
